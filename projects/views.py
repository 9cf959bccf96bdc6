from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.invitations import answer_invitation, report_not_sent
from projects import emails
from projects.access import (
    activity_for_member,
    invitation_for_admin,
    membership_for_admin,
    organisation_for_admin,
    organisation_for_member,
    partner_for_member,
    project_for_member,
)
from projects.forms import (
    ActivityForm,
    ColleagueAcceptForm,
    ColleagueInviteForm,
    MembershipRoleForm,
    NewProjectForm,
    OrganisationForm,
    PartnerForm,
    ProjectForm,
)
from projects.models import (
    AlreadyMemberError,
    ColleagueInvitation,
    LastAdminError,
    MembershipRole,
    Organisation,
)
from youthpass_site.lib.invitations import InvitationStateError
from youthpass_site.lib.mail import DeliveryFailed


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


# Colleagues: the organisation's admins invite, change and remove its members; editors
# see who they work with.


def _colleagues_page(request, organisation, invite_form=None, status=200):
    role = organisation.role_of(request.user)
    is_admin = role == MembershipRole.ADMIN
    memberships = organisation.memberships.select_related("user").order_by(
        "user__last_name", "user__first_name", "user__email"
    )
    if is_admin and invite_form is None:
        invite_form = ColleagueInviteForm(initial={"language": get_language()})
    return render(
        request,
        "projects/colleagues.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "invitations": organisation.pending_invitations(),
            "is_admin": is_admin,
            "invite_form": invite_form,
            "roles": MembershipRole.choices,
            "admin_count": sum(1 for m in memberships if m.role == MembershipRole.ADMIN),
        },
        status=status,
    )


@require_GET
@login_required
def colleagues(request, organisation_code):
    organisation = organisation_for_member(request, organisation_code)
    return _colleagues_page(request, organisation)


def _send_invitation(invite):
    """Invite (through `invite()`, which returns the invitation and its token) and mail it.

    The invitation counts only once the mail server has taken it; returns None if it did not.
    """
    try:
        with transaction.atomic():
            invitation, token = invite()
            emails.send_colleague_invitation(invitation, token)
    except DeliveryFailed:
        return None
    return invitation


@require_POST
@login_required
def colleague_invite(request, organisation_code):
    organisation = organisation_for_admin(request, organisation_code)
    form = ColleagueInviteForm(request.POST)
    if not form.is_valid():
        return _colleagues_page(request, organisation, invite_form=form)
    email = form.cleaned_data["email"]
    try:
        invitation = _send_invitation(
            lambda: organisation.invite_colleague(
                email,
                form.cleaned_data["role"],
                by=request.user,
                language=form.cleaned_data["language"],
            ),
        )
    except AlreadyMemberError:
        messages.error(
            request,
            _("%(email)s is a member of %(organisation)s already. Nothing was changed.")
            % {"email": email, "organisation": organisation.name},
        )
        return redirect("projects:colleagues", organisation.code)
    if invitation is None:
        report_not_sent(request, email)
    else:
        messages.success(
            request,
            _("Invitation sent to %(email)s (role: %(role)s).")
            % {"email": email, "role": invitation.get_role_display()},
        )
    return redirect("projects:colleagues", organisation.code)


@require_POST
@login_required
def colleague_role(request, organisation_code, membership_code):
    membership = membership_for_admin(request, organisation_code, membership_code)
    organisation = membership.organisation
    form = MembershipRoleForm(request.POST)
    name = membership.user.get_full_name() or membership.user.email
    if not form.is_valid():
        messages.error(request, _("Choose a role from the list."))
    else:
        try:
            changed = membership.change_role(form.cleaned_data["role"], by=request.user)
        except LastAdminError:
            messages.error(
                request,
                _(
                    "%(name)s is the organisation’s only admin and stays one. Make another "
                    "colleague an admin first."
                )
                % {"name": name},
            )
        else:
            if changed:
                messages.success(
                    request,
                    _("The role of %(name)s is now: %(role)s.")
                    % {"name": name, "role": membership.get_role_display()},
                )
    if organisation.role_of(request.user) is None:
        return redirect("dashboard:projects")
    return redirect("projects:colleagues", organisation.code)


@login_required
def colleague_remove(request, organisation_code, membership_code):
    membership = membership_for_admin(request, organisation_code, membership_code)
    organisation = membership.organisation
    name = membership.user.get_full_name() or membership.user.email
    cancel_url = reverse("projects:colleagues", args=[organisation.code])
    if request.method == "POST":
        try:
            membership.remove(by=request.user)
        except LastAdminError:
            messages.error(
                request,
                _(
                    "%(name)s is the organisation’s only admin and cannot be removed. Make "
                    "another colleague an admin first."
                )
                % {"name": name},
            )
            return redirect(cancel_url)
        messages.success(
            request,
            _("%(name)s is no longer a member of %(organisation)s.")
            % {"name": name, "organisation": organisation.name},
        )
        if membership.user_id == request.user.pk:
            return redirect("dashboard:projects")
        return redirect(cancel_url)
    leaving = membership.user_id == request.user.pk
    if leaving:
        question = _(
            "Leave %(organisation)s? You lose access to its projects at once; an admin can "
            "invite you again."
        ) % {"organisation": organisation.name}
    else:
        question = _(
            "Remove %(name)s from %(organisation)s? They lose access to its projects at once; "
            "what they did in them stays."
        ) % {"name": name, "organisation": organisation.name}
    return render(
        request,
        "projects/colleague_remove.html",
        {
            "organisation": organisation,
            "title": _("Leave the organisation") if leaving else _("Remove a colleague"),
            "question": question,
            "button": _("Leave") if leaving else _("Remove"),
            "cancel_url": cancel_url,
        },
    )


@require_POST
@login_required
def colleague_invitation_cancel(request, organisation_code, invitation_code):
    invitation = invitation_for_admin(request, organisation_code, invitation_code)
    try:
        invitation.cancel(by=request.user)
    except InvitationStateError:
        messages.error(
            request,
            _("The invitation to %(email)s is not pending any more.") % {"email": invitation.email},
        )
    else:
        messages.success(
            request,
            _("The invitation to %(email)s was cancelled; its link no longer works.")
            % {"email": invitation.email},
        )
    return redirect("projects:colleagues", invitation.organisation.code)


@require_POST
@login_required
def colleague_invitation_resend(request, organisation_code, invitation_code):
    invitation = invitation_for_admin(request, organisation_code, invitation_code)
    organisation = invitation.organisation
    try:
        sent = _send_invitation(lambda: invitation.send_again(by=request.user))
    except InvitationStateError:
        messages.error(
            request,
            _("The invitation to %(email)s is not pending any more.") % {"email": invitation.email},
        )
    except AlreadyMemberError:
        messages.error(
            request,
            _("%(email)s is a member of %(organisation)s already. Nothing was changed.")
            % {"email": invitation.email, "organisation": organisation.name},
        )
    else:
        if sent is None:
            report_not_sent(request, invitation.email)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s. Earlier invitation links no longer work.")
                % {"email": invitation.email},
            )
    return redirect("projects:colleagues", organisation.code)


def colleague_invitation(request, token):
    """The page behind the e-mailed link: log in or create an account, then join."""
    invitation = ColleagueInvitation.find_usable(token)
    if invitation is None:
        return render(
            request,
            "projects/colleague_invitation_invalid.html",
            {"accepted": ColleagueInvitation.was_accepted(token)},
            status=404,
        )
    organisation = invitation.organisation
    if request.user.is_authenticated and organisation.role_of(request.user) is not None:
        messages.info(
            request,
            _("You are a member of %(organisation)s already.")
            % {"organisation": organisation.name},
        )
        return redirect("dashboard:projects")

    def accepted():
        messages.success(
            request,
            _("Welcome to %(organisation)s! Your role: %(role)s.")
            % {"organisation": organisation.name, "role": invitation.get_role_display()},
        )
        return redirect("dashboard:projects")

    try:
        return answer_invitation(
            request,
            invitation,
            invitation,
            template="projects/colleague_invitation.html",
            context={"organisation": organisation},
            accepted=accepted,
            form_class=ColleagueAcceptForm,
        )
    except AlreadyMemberError:
        messages.info(
            request,
            _("You are a member of %(organisation)s already.")
            % {"organisation": organisation.name},
        )
        return redirect("dashboard:projects")


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
