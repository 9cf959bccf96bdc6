from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from participants.models import Status
from projects.access import organisation_for_admin, project_for_member
from projects.forms import NewProjectForm, OrganisationForm, ProjectForm
from projects.models import Organisation, Project


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


@login_required
def project_detail(request, project_code):
    project = project_for_member(request, project_code)
    participants = list(project.participants.select_related("user").order_by("status", "last_name"))
    counts = dict.fromkeys(Status, 0)
    for participant in participants:
        counts[participant.status] += 1
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "participants": participants,
            "counts": [(Status(status).label, status, n) for status, n in counts.items()],
            "role": project.role_of(request.user),
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
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Organisation details saved."))
        return redirect("projects:organisation", organisation.code)
    memberships = organisation.memberships.select_related("user").order_by("user__email")
    return render(
        request,
        "projects/organisation.html",
        {"organisation": organisation, "form": form, "memberships": memberships},
    )
