"""The organisers' view of their projects: the list, and each project's dashboard with its
progress, deadline, latest background task and the participant table."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dashboard.forms import BulkActionForm, ParticipantFilterForm
from dashboard.issue_views import readiness
from dashboard.reminders import next_reminder
from participants.models import ParticipantRole, ParticipantState
from projects.access import project_for_member
from projects.models import MAX_ACTIVITIES, MAX_PARTNERS, Organisation, Project


@login_required
def project_list(request):
    projects = (
        Project.objects.for_member(request.user)
        .select_related("organisation")
        .annotate(
            participant_count=Count("participants", distinct=True),
            issued_count=Count(
                "participants", filter=Q(participants__state=ParticipantState.ISSUED), distinct=True
            ),
            waiting_count=Count(
                "participants",
                filter=Q(participants__state=ParticipantState.SUBMITTED),
                distinct=True,
            ),
        )
    )
    organisations = Organisation.objects.filter(memberships__user=request.user)
    return render(
        request,
        "dashboard/project_list.html",
        {"projects": projects, "has_organisation": organisations.exists()},
    )


# The dashboard's progress bar: how far the participants are, furthest first.
PROGRESS = [
    ("issued", ParticipantState.ISSUED.label, [ParticipantState.ISSUED]),
    ("approved", ParticipantState.APPROVED.label, [ParticipantState.APPROVED]),
    ("submitted", ParticipantState.SUBMITTED.label, [ParticipantState.SUBMITTED]),
    (
        "writing",
        gettext_lazy("Writing or returned"),
        [ParticipantState.ACTIVE, ParticipantState.RETURNED],
    ),
    (
        "not-started",
        gettext_lazy("Not started"),
        [ParticipantState.ADDED, ParticipantState.INVITED],
    ),
]
PAGE_SIZE = 50
SORTABLE = [
    ("name", gettext_lazy("Name")),
    ("state", gettext_lazy("State")),
    ("submitted", gettext_lazy("Submitted")),
    ("reminded", gettext_lazy("Last reminded")),
]


def _progress(counts: dict, total: int) -> list[dict]:
    """The bar's segments, with their offsets and widths in percent of the whole."""
    segments, x = [], 0.0
    for key, label, states in PROGRESS:
        count = sum(counts[state] for state in states)
        width = 100 * count / total if total else 0
        # Strings, so that a locale's decimal comma never reaches the SVG attributes.
        segments.append(
            {"key": key, "label": label, "count": count, "x": f"{x:.3f}", "width": f"{width:.3f}"}
        )
        x += width
    return segments


def _sort_columns(filters: dict, current: str) -> dict:
    """Each sortable column's link (the other direction when sorted by it) and aria-sort."""
    columns = {}
    for key, label in SORTABLE:
        if current == key:
            target, aria = f"-{key}", "ascending"
        elif current == f"-{key}":
            target, aria = key, "descending"
        else:
            target, aria = key, None
        columns[key] = {
            "label": label,
            "query": urlencode({**filters, "sort": target}),
            "aria_sort": aria,
        }
    return columns


def _when(moment):
    if moment is None:
        return None
    local = timezone.localtime(moment)
    return {
        "iso": local.isoformat(timespec="seconds"),
        "text": date_format(local, "SHORT_DATE_FORMAT"),
    }


def _rows(project, participants) -> list[dict]:
    """What the table shows of each participant, worked out once per page.

    A dashboard page has up to PAGE_SIZE rows; looking up labels and links here rather
    than in the template keeps it fast for projects with hundreds of participants.
    """
    states = {value: str(label) for value, label in ParticipantState.choices}
    roles = {value: str(label) for value, label in ParticipantRole.choices}
    languages = {code: str(name) for code, name in settings.LANGUAGES}
    # Participant codes are letters and digits, so one reversed link serves every row.
    link = reverse("participants:manage", args=[project.code, "PARTICIPANT"])
    return [
        {
            "code": participant.code,
            "url": link.replace("PARTICIPANT", participant.code),
            "name": participant.full_name,
            "select_label": _("Select %(name)s") % {"name": participant.full_name},
            "email": participant.email,
            "state": participant.state,
            "state_label": states.get(participant.state, participant.state),
            "role": roles.get(participant.role, participant.role),
            "language": languages.get(participant.language, participant.language),
            "submitted": _when(participant.submitted_at),
            "reminded": _when(participant.last_reminded_at),
        }
        for participant in participants
    ]


@login_required
def project_dashboard(request, project_code):
    """The project's dashboard: progress, deadline, the participant table and its actions."""
    project = project_for_member(request, project_code)
    counts = dict.fromkeys(ParticipantState.values, 0)
    for row in project.participants.order_by().values("state").annotate(count=Count("pk")):
        counts[row["state"]] = row["count"]
    total = sum(counts.values())
    form = ParticipantFilterForm(request.GET)
    filters = form.filters
    participants = form.sorted(form.filter(project.participants.all()))
    page = Paginator(participants, PAGE_SIZE).get_page(request.GET.get("page"))
    latest_job = project.jobs.select_related("created_by").first()
    if latest_job is not None:
        latest_job.project = project
    today = timezone.localdate()
    return render(
        request,
        "dashboard/project.html",
        {
            "project": project,
            "counts": [
                (ParticipantState(state).label, state, counts[state])
                for state in ParticipantState.values
            ],
            "total": total,
            "progress": _progress(counts, total),
            "form": form,
            "filters": filters,
            "sort": form.sort_key,
            "columns": _sort_columns(filters, form.sort_key),
            "page_query": urlencode({**filters, "sort": form.sort_key}),
            "page": page,
            "rows": _rows(project, page.object_list),
            "bulk_actions": BulkActionForm.base_fields["action"].choices,
            "next_reminder": next_reminder(project, today),
            "today": today,
            "days_left": (project.deadline - today).days if project.deadline else None,
            "approved_count": counts[ParticipantState.APPROVED],
            "readiness": readiness(project, counts, request.user),
            "latest_job": latest_job,
            "latest_job_progress": latest_job.progress() if latest_job else None,
            "partners": list(project.partners.all()),
            "activities": list(project.activities.all()),
            "max_partners": MAX_PARTNERS,
            "max_activities": MAX_ACTIVITIES,
        },
    )
