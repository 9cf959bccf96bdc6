"""E-mails about support persons, one function each, in the recipient's language.

The language of the recipient's account where they have one; otherwise the language the
organisers chose for the person when adding them.
"""

from django.conf import settings
from django.urls import reverse

from accounts.models import User
from youthpass_site.lib.mail import send_templated


def _language(user, fallback):
    return user.language if user else fallback


def send_invitation(invitation, token, language):
    support_person = invitation.support_person
    project = support_person.project
    # Someone invited by e-mail may have an account already, from another role.
    account = support_person.user or User.objects.filter(email__iexact=support_person.email).first()
    send_templated(
        "support-invitation",
        support_person.email,
        _language(account, language),
        {
            "support_person": support_person,
            "project": project,
            "organisation": project.organisation,
            "link": settings.SITE_URL + reverse("support:invitation", args=[token]),
            "expires_at": invitation.expires_at,
        },
        at_once=True,  # The link carries the secret token.
    )


def send_feedback(feedback):
    """Tell the participant that a support person commented on a goal or journal entry."""
    participant = feedback.participant
    send_templated(
        "support-feedback",
        participant.email,
        _language(participant.user, participant.language),
        {
            "participant": participant,
            "project": participant.project,
            "feedback": feedback,
            "author": feedback.author,
            "link": settings.SITE_URL
            + reverse("support:my_support", args=[participant.code])
            + "#feedback",
        },
    )


def send_assessment(assessment):
    """Ask the participant to read a new or changed supervisor's assessment."""
    participant = assessment.participant
    send_templated(
        "support-assessment",
        participant.email,
        _language(participant.user, participant.language),
        {
            "participant": participant,
            "project": participant.project,
            "assessment": assessment,
            "link": settings.SITE_URL
            + reverse("support:my_support", args=[participant.code])
            + "#assessment",
        },
    )
