"""Who may open what: one helper per object kind, used by every view.

Anyone with no relation to an object gets 404, so outsiders cannot learn that it
exists; a person related to it but without the needed role gets 403.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from projects.models import ColleagueInvitation, Membership, MembershipRole, Organisation, Project


def is_participant_of(project, user):
    """Whether the person has a participant record in the project (and so gets 403, not 404)."""
    return user.is_authenticated and project.participants.filter(user=user).exists()


def project_for_member(request, project_code):
    """The project, for any member of its organisation (admin or editor)."""
    project = get_object_or_404(
        Project.objects.select_related("organisation", "created_by"), code=project_code
    )
    if project.role_of(request.user) is None:
        if is_participant_of(project, request.user):
            raise PermissionDenied
        raise Http404
    return project


def partner_for_member(request, project_code, partner_code):
    project = project_for_member(request, project_code)
    partner = get_object_or_404(project.partners, code=partner_code)
    partner.project = project
    return partner


def activity_for_member(request, project_code, activity_code):
    project = project_for_member(request, project_code)
    activity = get_object_or_404(project.activities, code=activity_code)
    activity.project = project
    return activity


def organisation_for_member(request, organisation_code):
    """The organisation, for its admins and editors; 404 for everyone else."""
    organisation = get_object_or_404(Organisation, code=organisation_code)
    if organisation.role_of(request.user) is None:
        raise Http404
    return organisation


def organisation_for_admin(request, organisation_code):
    organisation = get_object_or_404(Organisation, code=organisation_code)
    role = organisation.role_of(request.user)
    if role is None:
        raise Http404
    if role != MembershipRole.ADMIN:
        raise PermissionDenied
    return organisation


def membership_for_admin(request, organisation_code, membership_code):
    """A member of the organisation, for its admins to change or remove."""
    organisation = organisation_for_admin(request, organisation_code)
    membership = get_object_or_404(
        Membership.objects.select_related("user"),
        organisation=organisation,
        code=membership_code,
    )
    membership.organisation = organisation
    return membership


def invitation_for_admin(request, organisation_code, invitation_code):
    """A colleague invitation of the organisation, for its admins."""
    organisation = organisation_for_admin(request, organisation_code)
    invitation = get_object_or_404(
        ColleagueInvitation, organisation=organisation, code=invitation_code
    )
    invitation.organisation = organisation
    return invitation


def refuse_if_pseudonymised(request, project):
    """Send the organiser back to the project if its participants' records are pseudonymised.

    Nothing may change or mail those participants any more. Returns the redirect to
    answer with, or None when the project is not pseudonymised.
    """
    if project.pseudonymised_at is None:
        return None
    messages.error(
        request,
        _(
            "The participants’ records of this project are pseudonymised: nothing can be "
            "added, changed or sent to them any more."
        ),
    )
    return redirect(project)
