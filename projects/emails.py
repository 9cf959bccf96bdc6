"""E-mails about organisations, one function each, in the recipient's language."""

from django.conf import settings
from django.urls import reverse

from youthpass_site.lib.mail import send_templated


def send_colleague_invitation(invitation, token):
    """The invitation to join the organisation, in the language the inviter chose."""
    send_templated(
        "colleague-invitation",
        invitation.email,
        invitation.language,
        {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "inviter": invitation.sent_by,
            "link": settings.SITE_URL + reverse("projects:colleague_invitation", args=[token]),
            "expires_at": invitation.expires_at,
        },
        at_once=True,  # The link carries the secret token.
    )
