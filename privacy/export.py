"""A person's own data: everything stored about them, as one download.

Kept apart from the models of the other apps on purpose: the export crosses every app,
and one place that reads them all is easier to keep complete than a method on each model.
"""

import datetime
import io
import json
import zipfile

from django.utils import timezone

import audit
from participants.models import Participant
from projects.models import ColleagueInvitation, Membership
from support.models import SupervisorAssessment, SupportPerson


def _iso(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def _read(field) -> bytes | None:
    """The stored file's bytes, or None where it is missing on disk."""
    if not field:
        return None
    try:
        with field.open("rb") as stored:
            return stored.read()
    except (OSError, ValueError):
        return None


def _feedback(feedback) -> dict:
    return {
        "by": feedback.author.full_name,
        "role": feedback.author.get_role_display(),
        "text": feedback.text,
        "written": _iso(feedback.created_at),
        "edited": _iso(feedback.updated_at),
    }


def _participation(participant) -> dict:
    project = participant.project
    try:
        assessment = participant.supervisor_assessment
    except SupervisorAssessment.DoesNotExist:
        assessment = None
    return {
        "project": {
            "title": project.title,
            "format": project.get_format_display(),
            "start_date": _iso(project.start_date),
            "end_date": _iso(project.end_date),
            "organisation": project.organisation.name,
        },
        "personal_data": {
            "first_name": participant.first_name,
            "last_name": participant.last_name,
            "email": participant.email,
            "date_of_birth": _iso(participant.date_of_birth),
            "place_of_birth": participant.place_of_birth,
            "checked": _iso(participant.personal_data_checked_at),
        },
        "state": participant.get_state_display(),
        "start_date": _iso(participant.start_date),
        "end_date": _iso(participant.end_date),
        "submitted": _iso(participant.submitted_at),
        "approved": _iso(participant.approved_at),
        "learning_outcomes": [
            {"competence": outcome.get_competence_display(), "text": outcome.text}
            for outcome in participant.outcomes.all()
        ],
        "sections": {
            "tasks": participant.tasks,
            "training_activities": participant.training_activities,
            "professional_competences": participant.professional_competences,
        },
        "training_cycle": participant.training_cycle,
        "evidence": [
            {"url": link.url, "description": link.description}
            for link in participant.evidence_links.all()
        ],
        "referees": [
            {"name": referee.name, "role": referee.role, "contact": referee.contact}
            for referee in participant.referees.all()
        ],
        "dialogue_partner": participant.dialogue_partner,
        "requested_languages": participant.requested_languages,
        "goals": [
            {
                "title": goal.title,
                "competence": goal.competence,
                "how": goal.how,
                "helpers": goal.helpers,
                "success": goal.success,
                "state": goal.get_state_display(),
                "shared": goal.shared,
                "created": _iso(goal.created_at),
                "updated": _iso(goal.updated_at),
                "feedback": [_feedback(feedback) for feedback in goal.feedback.all()],
            }
            for goal in participant.goals.all()
        ],
        "journal": [
            {
                "date": _iso(entry.date),
                "text": entry.text,
                "link": entry.link,
                "photo": _photo_name(entry) if entry.photo else None,
                "competences": entry.competences,
                "shared": entry.shared,
                "created": _iso(entry.created_at),
                "updated": _iso(entry.updated_at),
                "feedback": [_feedback(feedback) for feedback in entry.feedback.all()],
            }
            for entry in participant.journal_entries.all()
        ],
        "supervisor_assessment": assessment
        and {
            "by": assessment.author_name,
            "text": assessment.text,
            "updated": _iso(assessment.updated_at),
            "agreed": _iso(assessment.consent_at),
        },
        "submissions": [
            {
                "number": submission.number,
                "submitted": _iso(submission.submitted_at),
                "content": submission.content,
            }
            for submission in participant.submissions.all()
        ],
        "reviews": [
            {
                "decision": review.get_decision_display(),
                "date": _iso(review.created_at),
                "comment": review.comment,
                "section_comments": [
                    {"section": comment.section, "text": comment.text}
                    for comment in review.comments.all()
                ],
            }
            for review in participant.reviews.all()
        ],
        "certificates": [
            {
                "certificate_id": certificate.certificate_id,
                "language": certificate.language,
                "state": certificate.get_state_display(),
                "issued": _iso(certificate.issued_at),
                "file": _certificate_name(certificate) if certificate.pdf else None,
            }
            for certificate in participant.certificates.all()
        ],
    }


def _photo_name(entry) -> str:
    return f"journal/{entry.date.isoformat()}-{entry.code}.jpg"


def _certificate_name(certificate) -> str:
    return f"certificates/{certificate.certificate_id}-{certificate.language}.pdf"


def _participations(user):
    return (
        Participant.objects.filter(user=user)
        .select_related("project__organisation")
        .prefetch_related(
            "outcomes",
            "evidence_links",
            "referees",
            "goals__feedback__author",
            "journal_entries__feedback__author",
            "submissions",
            "reviews__comments",
            "certificates",
        )
        .order_by("created_at")
    )


def export_data(user) -> dict:
    """Everything stored about the person, as plain JSON-ready values."""
    support_roles = (
        SupportPerson.objects.filter(user=user)
        .select_related("project__organisation")
        .prefetch_related("feedback__goal__participant", "feedback__entry__participant")
    )
    return {
        "exported": _iso(timezone.now()),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.language,
            "submission_notices": user.submission_notices,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "participations": [_participation(participant) for participant in _participations(user)],
        "support_roles": [
            {
                "project": role.project.title,
                "organisation": role.project.organisation.name,
                "role": role.get_role_display(),
                "first_name": role.first_name,
                "last_name": role.last_name,
                "email": role.email,
                "accepted": _iso(role.accepted_at),
                "feedback_written": [
                    {
                        "for": feedback.participant.full_name,
                        "text": feedback.text,
                        "written": _iso(feedback.created_at),
                    }
                    for feedback in role.feedback.all()
                ],
                "assessments_written": [
                    {"for": assessment.participant.full_name, "text": assessment.text}
                    for assessment in role.assessments.select_related("participant")
                ],
            }
            for role in support_roles
        ],
        "organisations": [
            {
                "organisation": membership.organisation.name,
                "role": membership.get_role_display(),
                "since": _iso(membership.created_at),
            }
            for membership in Membership.objects.filter(user=user).select_related("organisation")
        ],
        "invitations_to_organisations": [
            {
                "organisation": invitation.organisation.name,
                "email": invitation.email,
                "role": invitation.get_role_display(),
                "sent": _iso(invitation.created_at),
                "accepted": _iso(invitation.accepted_at),
                "cancelled": _iso(invitation.revoked_at),
            }
            for invitation in ColleagueInvitation.objects.filter(
                email__iexact=user.email
            ).select_related("organisation")
        ],
    }


def export_zip(user) -> bytes:
    """data.json with the person's journal photos and certificate PDFs, as one ZIP.

    Built in memory: one person's data is small (a few photos and PDFs).
    """
    audit.record("data_exported", actor=user, organisation=None)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        data = export_data(user)
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2, default=str))
        for participant in _participations(user):
            for entry in participant.journal_entries.all():
                photo = _read(entry.photo)
                if photo is not None:
                    archive.writestr(_photo_name(entry), photo)
            for certificate in participant.certificates.all():
                pdf = _read(certificate.pdf)
                if pdf is not None:
                    archive.writestr(_certificate_name(certificate), pdf)
    return buffer.getvalue()
