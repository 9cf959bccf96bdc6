"""E-mails to participants, one function each, in the recipient's language."""

from django.conf import settings
from django.urls import reverse

from youthpass_site.lib.mail import send_templated


def send_invitation(invitation, token, language):
    participant = invitation.participant
    send_templated(
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
        at_once=True,  # The link carries the secret token.
    )


def _to_participant(participant, name, context):
    """Mail a participant who has an account, in the language of that account.

    Sent to the account's address: the links need logging in with it, and it may differ
    from the address the organisers typed in.
    """
    user = participant.user
    if user is None:
        return
    send_templated(
        name,
        user.email,
        user.language or settings.LANGUAGE_CODE,
        {
            "participant": participant,
            "project": participant.project,
            "organisation": participant.project.organisation,
            "link": settings.SITE_URL + reverse("participants:detail", args=[participant.code]),
            **context,
        },
    )


def send_returned(participant, review):
    """The organisers returned the self-assessment: their general comment, and how many
    comments wait beside the sections."""
    _to_participant(
        participant,
        "review-returned",
        {"review": review, "section_comment_count": review.comments.count()},
    )


def send_approved(participant, review):
    """The self-assessment is approved; an approval may carry comments too."""
    _to_participant(
        participant,
        "review-approved",
        {
            "review": review,
            "section_comment_count": review.comments.count(),
            "history_link": settings.SITE_URL
            + reverse("participants:history", args=[participant.code]),
        },
    )


def send_certificate_ready(participant, certificates):
    """The certificates just issued to the participant, each with its download link."""
    _to_participant(
        participant,
        "certificate-ready",
        {
            "certificates": [
                (certificate, settings.SITE_URL + certificate.get_download_url())
                for certificate in certificates
            ]
        },
    )


def send_reminder(participant):
    """A reminder to finish and submit the self-assessment, with the deadline if there is one."""
    _to_participant(participant, "reminder", {"deadline": participant.project.deadline})
