"""Retention: the participants' records of long-finished projects are pseudonymised.

A project's participant records are kept for settings.RETENTION_YEARS years after the
project ended. The organisation's admins are warned by e-mail 60 days and 7 days before;
then everything the participants wrote, their personal data, their files and the
support persons' personal data go. The project itself (title, dates, description,
partners, activities) stays: it is the organisation's, not the participants'.

Records that only wait for someone's answer go sooner: an unanswered invitation to join an
organisation 30 days after it ran out or was cancelled, an expired sign-up, and a spreadsheet
uploaded for import but never imported after 7 days.

Safe to run every day: every step is recorded on the project and done once. The
organisation always gets at least the 7-day warning before anything is removed: a
project found past its date without one (for example on the first run after an
upgrade) is warned now and pseudonymised 7 days later.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import SignupRequest
from dashboard.models import ParticipantImport
from participants.models import Participant
from privacy import emails
from privacy.erasure import delete_results, erase_participant, remove_files_after_commit
from projects.models import ColleagueInvitation, Membership, MembershipRole, Project
from support.models import SupportPerson

FIRST_WARNING_DAYS = 60
LAST_WARNING_DAYS = 7
UNANSWERED_INVITATION_DAYS = 30
UNIMPORTED_UPLOAD_DAYS = 7


def years_after(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def due_date(project: Project, years: int | None = None) -> datetime.date:
    """The first day on which the project has ended more than the retention period ago."""
    years = settings.RETENTION_YEARS if years is None else years
    return years_after(project.end_date, years) + datetime.timedelta(days=1)


def pseudonymisation_date(project: Project, today: datetime.date) -> datetime.date:
    """When the records go: the due date, or 7 days after a last warning that came late."""
    earliest = today
    if project.retention_warned_7_at is not None:
        earliest = timezone.localdate(project.retention_warned_7_at)
    return max(due_date(project), earliest + datetime.timedelta(days=LAST_WARNING_DAYS))


def _admins(project: Project):
    return (
        Membership.objects.filter(
            organisation=project.organisation_id, role=MembershipRole.ADMIN, user__is_active=True
        )
        .select_related("user")
        .order_by("pk")
    )


def send_warning(project: Project, days: int, today: datetime.date) -> int:
    """E-mail each admin of the organisation, in their language; returns how many."""
    admins = list(_admins(project))
    context = {
        "project": project,
        "organisation": project.organisation,
        "date": pseudonymisation_date(project, today),
        "days": days,
        "years": settings.RETENTION_YEARS,
        "link": settings.SITE_URL + project.get_absolute_url(),
    }
    for membership in admins:
        emails.send_retention_warning(membership.user, context)
    return len(admins)


def pseudonymise(project: Project) -> None:
    """Remove the participants' records of the project, keeping valid certificates verifiable.

    Each participant is erased as for a deleted account (privacy.erasure): their texts,
    goals, journal with its photos, submissions, reviews, birth data and e-mail, and the
    certificates' PDFs. A participant without a valid certificate is deleted outright.
    Where a valid certificate exists its snapshot is cut to what the public verification
    page shows, so that the page still says valid, for whom, for which project, when and
    by whom. The holder's name stays in that snapshot on purpose: verifying is comparing
    the certificate that someone shows with the page, and a page without the name could
    not tell whose certificate it is. Only someone holding the certificate's ID reaches
    it. The participant row itself (what organisers see in lists) gets a pseudonym.
    Support persons go entirely: their feedback was on the deleted texts. So do the
    project's import previews and the results of its background tasks (ZIPs of
    certificates). Files are removed once the transaction has committed.
    """
    files: list[str] = []
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        if locked.pseudonymised_at is not None:
            return
        files.extend(delete_results(locked.jobs.all()))
        for participant in Participant.objects.filter(project=locked).select_for_update():
            erase_participant(participant, files, keep_name=False)
        SupportPerson.objects.filter(project=locked).delete()
        locked.imports.all().delete()
        locked.pseudonymised_at = timezone.now()
        locked.save(update_fields=["pseudonymised_at"])
    project.pseudonymised_at = locked.pseudonymised_at
    remove_files_after_commit(files)


@dataclass
class Summary:
    warned_60: list = field(default_factory=list)
    warned_7: list = field(default_factory=list)
    pseudonymised: list = field(default_factory=list)
    emails: int = 0
    # Counts of the records that waited for an answer in vain, by kind.
    stale: dict = field(default_factory=dict)


def stale_records(now: datetime.datetime) -> dict:
    """What waited for an answer in vain: unanswered invitations to an organisation, expired
    sign-ups and uploads that were never imported."""
    gone = now - datetime.timedelta(days=UNANSWERED_INVITATION_DAYS)
    return {
        "colleague_invitations": ColleagueInvitation.objects.filter(
            Q(expires_at__lte=gone) | Q(revoked_at__lte=gone), accepted_at__isnull=True
        ),
        "signups": SignupRequest.objects.filter(expires_at__lte=now),
        "imports": ParticipantImport.objects.filter(
            imported_at__isnull=True,
            created_at__lte=now - datetime.timedelta(days=UNIMPORTED_UPLOAD_DAYS),
        ),
    }


def apply_retention(*, dry_run: bool = False, today: datetime.date | None = None) -> Summary:
    """Send the warnings that are due and pseudonymise the projects whose time has come."""
    if settings.RETENTION_YEARS < 1:
        # Zero or less would erase running projects: a typo must not do that.
        raise ImproperlyConfigured("RETENTION_YEARS must be at least 1.")
    today = today or timezone.localdate()
    summary = Summary()
    # Only projects that could need a step: ended within the period plus 60 days.
    horizon = today + datetime.timedelta(days=FIRST_WARNING_DAYS)
    latest_end = years_after(horizon, -settings.RETENTION_YEARS)
    candidates = (
        Project.objects.filter(pseudonymised_at__isnull=True, end_date__lte=latest_end)
        .select_related("organisation")
        .order_by("end_date", "pk")
    )
    for kind, records in stale_records(timezone.now()).items():
        summary.stale[kind] = records.count() if dry_run else records.delete()[0]
    for project in candidates:
        due = due_date(project)
        days_left = (due - today).days
        if project.retention_warned_7_at is None:
            if days_left <= LAST_WARNING_DAYS:
                summary.warned_7.append(project)
                if not dry_run:
                    summary.emails += send_warning(project, LAST_WARNING_DAYS, today)
                    project.retention_warned_7_at = timezone.now()
                    project.save(update_fields=["retention_warned_7_at"])
            elif days_left <= FIRST_WARNING_DAYS and project.retention_warned_60_at is None:
                summary.warned_60.append(project)
                if not dry_run:
                    summary.emails += send_warning(project, FIRST_WARNING_DAYS, today)
                    project.retention_warned_60_at = timezone.now()
                    project.save(update_fields=["retention_warned_60_at"])
            continue
        if today >= pseudonymisation_date(project, today):
            summary.pseudonymised.append(project)
            if not dry_run:
                pseudonymise(project)
    return summary
