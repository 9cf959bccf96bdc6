from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from projects.access import (
    activity_for_member,
    organisation_for_admin,
    organisation_for_member,
    partner_for_member,
    project_for_member,
)
from projects.forms import (
    ActivityForm,
    NewProjectForm,
    OrganisationForm,
    PartnerForm,
    ProjectForm,
)
from projects.models import Organisation


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
    return reverse("dashboard:project", args=[project.code]) + "#partners"


def _activities_of(project):
    return reverse("dashboard:project", args=[project.code]) + "#activities"
