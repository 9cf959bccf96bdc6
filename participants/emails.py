"""E-mails of the participants' process, one function each, in the recipient's language:
to participants, to the organisers about submissions, and to support persons about what
is shared with them."""

from django.conf import settings
from django.urls import reverse

from participants.models import Goal, JournalEntry
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


def send_certificate_revoked(certificate):
    """The organisers withdrew a certificate: which one, and the reason they gave."""
    _to_participant(
        certificate.participant,
        "certificate-revoked",
        {"certificate": certificate, "reason": certificate.state_reason},
    )


def send_certificate_replaced(old, new):
    """A corrected certificate replaces `old`: the reason, and where the new one is."""
    _to_participant(
        old.participant,
        "certificate-replaced",
        {
            "old": old,
            "new": new,
            "reason": old.state_reason,
            "download": settings.SITE_URL + new.get_download_url(),
        },
    )


# E-mails to the organisers


def organisers(project):
    """Who hears about the project's submissions: the admins and editors of its organisation,
    save those who turned these e-mails off."""
    return project.organisation.members.filter(is_active=True, submission_notices=True).order_by(
        "pk"
    )


def _to_organisers(project, name, context):
    # One e-mail each: every organiser reads it in their own language, and none of them
    # learns the others' addresses.
    for user in organisers(project):
        send_templated(
            name,
            user.email,
            user.language or settings.LANGUAGE_CODE,
            {"organiser": user, "project": project, **context},
        )


def _review_link(participant):
    """The participant's page for organisers, at the review form."""
    return (
        settings.SITE_URL
        + reverse("participants:manage", args=[participant.project.code, participant.code])
        + "#review"
    )


def send_submitted(submission):
    """A participant handed in (or handed in again) their self-assessment for review."""
    participant = submission.participant
    _to_organisers(
        participant.project,
        "submitted",
        {
            "participant": participant,
            "submission": submission,
            "link": _review_link(participant),
        },
    )


def send_submission_digest(project, submissions):
    """The day's list of submissions in one project, each with its review page."""
    _to_organisers(
        project,
        "submission-digest",
        {
            "submissions": [
                (submission, _review_link(submission.participant)) for submission in submissions
            ],
            "project_link": settings.SITE_URL + project.get_absolute_url(),
        },
    )


# E-mails to support persons


def send_shared(item):
    """A participant shared a goal or a journal entry with their support persons."""
    _to_support_persons(
        item.participant,
        {
            "goal": item if isinstance(item, Goal) else None,
            "entry": item if isinstance(item, JournalEntry) else None,
        },
    )


def send_self_assessment_shared(participant):
    """A participant shared their self-assessment with their support persons."""
    _to_support_persons(participant, {"self_assessment": True})


def _to_support_persons(participant, context):
    """Tell the participant's support persons that something was shared with them.

    Those with an account hear of it, in its language; the others have not accepted their
    invitation yet and could not open the page. The link is made in the template: the
    support persons' pages belong to the support app above this one.
    """
    for support_person in participant.support_persons.filter(
        user__isnull=False, erased_at__isnull=True
    ).select_related("user"):
        user = support_person.user
        send_templated(
            "support-shared",
            user.email,
            user.language or settings.LANGUAGE_CODE,
            {
                "support_person": support_person,
                "participant": participant,
                "project": participant.project,
                "site_url": settings.SITE_URL,
                **context,
            },
        )
