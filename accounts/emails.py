"""E-mails about accounts, one function each, in the recipient's language."""

from django.conf import settings
from django.urls import reverse

from youthpass_site.lib.mail import send_templated


def send_signup_confirmation(email, token, language):
    # Only what the site wrote: whoever filled in the form may not be the address's owner,
    # so nothing they typed goes into the e-mail.
    send_templated(
        "signup-confirm",
        email,
        language,
        {"link": settings.SITE_URL + reverse("signup_confirm", args=[token])},
        at_once=True,
    )


def send_signup_for_existing_account(email, language):
    send_templated(
        "signup-existing",
        email,
        language,
        {
            "login_link": settings.SITE_URL + reverse("login"),
            "reset_link": settings.SITE_URL + reverse("password_reset"),
        },
        # At once like the confirmation, so that the sign-up page takes as long either way.
        at_once=True,
    )
