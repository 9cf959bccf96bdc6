"""E-mails to participants, one function each, in the recipient's language."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def _send(name, to, language, context):
    with translation.override(language):
        subject = render_to_string(f"emails/{name}-subject.txt", context).strip()
        body = render_to_string(f"emails/{name}-body.txt", context)
        html = render_to_string(f"emails/{name}-body.html", context)
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    message.send()


def send_invitation(invitation, token, language):
    participant = invitation.participant
    _send(
        "invitation",
        participant.email,
        participant.user.language if participant.user else language,
        {
            "participant": participant,
            "project": participant.project,
            "organisation": participant.project.organisation,
            "link": settings.SITE_URL + reverse("participants:invitation", args=[token]),
            "expires_at": invitation.expires_at,
        },
    )
