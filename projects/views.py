from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from participants.models import ParticipantRole, Status
from projects.access import (
    activity_for_member,
    organisation_for_admin,
    organisation_for_member,
    partner_for_member,
    project_for_member,
)
from projects.forms import (
    ActivityForm,
    BulkActionForm,
    NewProjectForm,
    OrganisationForm,
    ParticipantFilterForm,
    PartnerForm,
    ProjectForm,
)
from projects.models import MAX_ACTIVITIES, MAX_PARTNERS, Organisation, Project


@login_required
def project_list(request):
    projects = (
        Project.objects.for_member(request.user)
        .select_related("organisation")
        .annotate(
            participant_count=Count("participants", distinct=True),
            issued_count=Count(
                "participants", filter=Q(participants__status=Status.ISSUED), distinct=True
            ),
            waiting_count=Count(
                "participants", filter=Q(participants__status=Status.SUBMITTED), distinct=True
            ),
        )
    )
    organisations = Organisation.objects.filter(memberships__user=request.user)
    return render(
        request,
        "projects/project_list.html",
        {"projects": projects, "has_organisation": organisations.exists()},
    )


@login_required
def project_create(request):
    organisations = Organisation.objects.filter(memberships__user=request.user)
    if not organisations.exists():
        messages.info(request, _("Projects belong to an organisation. Create yours first."))
        return redirect("signup")
    form = NewProjectForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        project = form.save(commit=False)
        project.created_by = request.user
        project.save()
        messages.success(
            request, _("Project “%(title)s” created. Add its participants.") % {"title": project}
        )
        return redirect(project)
    return render(request, "projects/project_form.html", {"form": form, "project": None})


# The dashboard's progress bar: how far the participants are, furthest first.
PROGRESS = [
    ("issued", Status.ISSUED.label, [Status.ISSUED]),
    ("approved", Status.APPROVED.label, [Status.APPROVED]),
    ("submitted", Status.SUBMITTED.label, [Status.SUBMITTED]),
    ("writing", gettext_lazy("Writing or returned"), [Status.ACTIVE, Status.RETURNED]),
    ("not-started", gettext_lazy("Not started"), [Status.ADDED, Status.INVITED]),
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
    return {"iso": local.isoformat(), "text": date_format(local, "SHORT_DATE_FORMAT")}


def _rows(project, participants) -> list[dict]:
    """What the table shows of each participant, worked out once per page.

    A dashboard page has up to PAGE_SIZE rows; looking up labels and links here rather
    than in the template keeps it fast for projects with hundreds of participants.
    """
    statuses = {value: str(label) for value, label in Status.choices}
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
            "status": participant.status,
            "status_label": statuses.get(participant.status, participant.status),
            "role": roles.get(participant.role, participant.role),
            "language": languages.get(participant.language, participant.language),
            "submitted": _when(participant.submitted_at),
            "reminded": _when(participant.last_reminded_at),
        }
        for participant in participants
    ]


@login_required
def project_detail(request, project_code):
    """The project's dashboard: progress, deadline, the participant table and its actions."""
    project = project_for_member(request, project_code)
    counts = dict.fromkeys(Status.values, 0)
    for row in project.participants.order_by().values("status").annotate(count=Count("pk")):
        counts[row["status"]] = row["count"]
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
        "projects/project_detail.html",
        {
            "project": project,
            "counts": [(Status(state).label, state, counts[state]) for state in Status.values],
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
            "next_reminder": project.next_reminder(today),
            "today": today,
            "days_left": (project.deadline - today).days if project.deadline else None,
            "approved_count": counts[Status.APPROVED],
            "latest_job": latest_job,
            "latest_job_progress": latest_job.progress() if latest_job else None,
            "partners": list(project.partners.all()),
            "activities": list(project.activities.all()),
            "max_partners": MAX_PARTNERS,
            "max_activities": MAX_ACTIVITIES,
        },
    )


@login_required
def project_edit(request, project_code):
    project = project_for_member(request, project_code)
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Project saved."))
        return redirect(project)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@login_required
def organisation_detail(request, organisation_code):
    organisation = organisation_for_admin(request, organisation_code)
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Organisation details saved."))
            return redirect("projects:organisation", organisation.code)
        # The form shows the instance; a refused upload must not look like the stored logo.
        organisation.refresh_from_db()
    memberships = organisation.memberships.select_related("user").order_by("user__email")
    return render(
        request,
        "projects/organisation.html",
        {"organisation": organisation, "form": form, "memberships": memberships},
    )


@require_GET
@login_required
def organisation_logo(request, organisation_code):
    """The stored logo, for the organisation's members only: media files are never public."""
    organisation = organisation_for_member(request, organisation_code)
    data = organisation.logo_png()
    if data is None:
        raise Http404
    response = HttpResponse(data, content_type="image/png")
    response["Content-Disposition"] = 'inline; filename="logo.png"'
    # The page links the logo with its file name in the query, so a new logo is a new URL.
    response["Cache-Control"] = "private, max-age=86400"
    return response


@login_required
def organisation_log(request, organisation_code):
    """The organisation's audit log, newest first, for its admins."""
    organisation = organisation_for_admin(request, organisation_code)
    events = organisation.audit_events.order_by("-created_at", "-pk")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request, "audit/organisation_log.html", {"organisation": organisation, "page": page}
    )


# Partner organisations and activities: the project's members keep them, on the project page.


@login_required
def partner_add(request, project_code):
    project = project_for_member(request, project_code)
    form = PartnerForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        partner = form.save()
        messages.success(request, _("%(name)s was added as a partner.") % {"name": partner.name})
        return redirect(_partners_of(project))
    return render(
        request, "projects/partner_form.html", {"project": project, "form": form, "partner": None}
    )


@login_required
def partner_edit(request, project_code, partner_code):
    partner = partner_for_member(request, project_code, partner_code)
    form = PartnerForm(request.POST or None, instance=partner, project=partner.project)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Partner organisation saved."))
        return redirect(_partners_of(partner.project))
    return render(
        request,
        "projects/partner_form.html",
        {"project": partner.project, "form": form, "partner": partner},
    )


@login_required
def partner_remove(request, project_code, partner_code):
    partner = partner_for_member(request, project_code, partner_code)
    project = partner.project
    if request.method == "POST":
        partner.delete()
        messages.success(
            request, _("%(name)s is no longer listed as a partner.") % {"name": partner.name}
        )
        return redirect(_partners_of(project))
    return render(
        request,
        "projects/confirm_remove.html",
        {
            "project": project,
            "title": _("Remove partner organisation"),
            "question": _(
                "Remove %(name)s from the project’s partner organisations? Certificates "
                "issued so far still name it; new ones will not."
            )
            % {"name": partner.name},
            "button": _("Remove partner"),
            "cancel_url": _partners_of(project),
        },
    )


@login_required
def activity_add(request, project_code):
    project = project_for_member(request, project_code)
    form = ActivityForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        activity = form.save()
        messages.success(request, _("Activity “%(title)s” added.") % {"title": activity.title})
        return redirect(_activities_of(project))
    return render(
        request, "projects/activity_form.html", {"project": project, "form": form, "activity": None}
    )


@login_required
def activity_edit(request, project_code, activity_code):
    activity = activity_for_member(request, project_code, activity_code)
    form = ActivityForm(request.POST or None, instance=activity, project=activity.project)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Activity saved."))
        return redirect(_activities_of(activity.project))
    return render(
        request,
        "projects/activity_form.html",
        {"project": activity.project, "form": form, "activity": activity},
    )


@login_required
def activity_delete(request, project_code, activity_code):
    activity = activity_for_member(request, project_code, activity_code)
    project = activity.project
    if request.method == "POST":
        activity.delete()
        messages.success(request, _("Activity “%(title)s” deleted.") % {"title": activity.title})
        return redirect(_activities_of(project))
    return render(
        request,
        "projects/confirm_remove.html",
        {
            "project": project,
            "title": _("Delete activity"),
            "question": _(
                "Delete the activity “%(title)s” and its description? Certificates issued "
                "so far still describe it; new ones will not."
            )
            % {"title": activity.title},
            "button": _("Delete activity"),
            "cancel_url": _activities_of(project),
        },
    )


def _partners_of(project):
    return reverse("projects:detail", args=[project.code]) + "#partners"


def _activities_of(project):
    return reverse("projects:detail", args=[project.code]) + "#activities"
