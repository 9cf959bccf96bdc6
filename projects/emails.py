"""E-mails about organisations, one function each, in the recipient's language."""

from django.conf import settings
from django.urls import reverse

from accounts.models import User
from youthpass_site.lib.mail import send_templated


def send_colleague_invitation(invitation, token):
    """The invitation to join the organisation: in the language of the account at that
    address if there is one, otherwise in the language the inviter chose."""
    account = User.objects.filter(email__iexact=invitation.email).first()
    send_templated(
        "colleague-invitation",
        invitation.email,
        account.language if account else invitation.language,
        {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "inviter": invitation.sent_by,
            "link": settings.SITE_URL + reverse("projects:colleague_invitation", args=[token]),
            "expires_at": invitation.expires_at,
        },
        at_once=True,  # The link carries the secret token.
    )
