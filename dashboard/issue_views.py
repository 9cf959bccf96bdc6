"""Issuing every approved certificate of a project, and a ZIP of them, as background jobs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certificates.forms import BulkIssueForm
from jobs.models import Job, in_progress
from participants.models import ParticipantState
from participants.states import Action
from projects.access import project_for_member, refuse_if_pseudonymised
from projects.models import MembershipRole, Missing, not_ready_message


def approved_participants(project):
    """Who bulk issue is for: approved, and still holding their account."""
    return (
        project.participants.eligible_for(Action.ISSUE)
        .not_erased()
        .order_by("last_name", "first_name")
    )


def readiness(project, counts: dict, user) -> list[dict]:
    """The project dashboard's list of what issuing needs, each with where to see to it.

    The organisation's items are required (Organisation.missing_for_issue decides them)
    and only its admins may fill them in; the participants' one says how many wait to be
    issued, and how many for review.
    """
    missing = project.organisation.missing_for_issue()
    settings_url = None
    if missing and project.role_of(user) == MembershipRole.ADMIN:
        settings_url = reverse("projects:organisation", args=[project.organisation.code])
    waiting = counts.get(ParticipantState.SUBMITTED, 0)
    ready = counts.get(ParticipantState.APPROVED, 0)
    return [
        {
            "key": "address",
            "label": _("Organisation’s address"),
            "done": Missing.ADDRESS not in missing,
            "required": True,
            "fix": _("Fill in the address"),
            "url": settings_url and settings_url + "#id_street",
        },
        {
            "key": "signatory",
            "label": _("Signatory (legal representative)"),
            "done": Missing.SIGNATORY not in missing,
            "required": True,
            "fix": _("Name the signatory"),
            "url": settings_url and settings_url + "#id_signatory_name",
        },
        {
            "key": "approved",
            "label": ngettext(
                "%(count)d participant approved",
                "%(count)d participants approved",
                ready,
            )
            % {"count": ready},
            "done": ready > 0 and waiting == 0,
            "required": False,
            "fix": ngettext(
                "Review %(count)d submission",
                "Review %(count)d submissions",
                waiting,
            )
            % {"count": waiting}
            if waiting
            else "",
            "url": reverse("dashboard:project", args=[project.code])
            + f"?state={ParticipantState.SUBMITTED}#participants",
        },
    ]


def _start_or_show(request, project, kind, participants, started, options=None):
    job, is_new = Job.start(project, kind, participants, by=request.user, options=options)
    if is_new:
        messages.success(request, started)
    elif job.is_finished:
        messages.info(request, _("This was started a moment ago; here is its result."))
    else:
        messages.info(request, _("This is already running; here is its progress."))
    return redirect(job)


@login_required
def issue_all(request, project_code):
    """Confirm, then issue the certificates of every approved participant in the background."""
    project = project_for_member(request, project_code)
    if refused := refuse_if_pseudonymised(request, project):
        return refused
    approved = approved_participants(project)
    form = BulkIssueForm(request.POST or None)
    missing = project.organisation.missing_for_issue()
    if request.method == "POST" and missing:
        messages.error(request, not_ready_message(missing))
        messages.info(request, _("Nothing was issued."))
        return redirect(project)
    if request.method == "POST" and form.is_valid():
        participants = list(approved.only("pk"))
        if not participants:
            messages.info(request, _("No participant is approved and waiting for a certificate."))
            return redirect(project)
        started = ngettext(
            "Issuing the certificate of %(count)d participant in the background.",
            "Issuing the certificates of %(count)d participants in the background.",
            len(participants),
        ) % {"count": len(participants)}
        options = {"signature": form.cleaned_data["signature"]}
        return _start_or_show(request, project, Job.Kind.ISSUE, participants, started, options)
    return render(
        request,
        "dashboard/issue_all.html",
        {
            "project": project,
            "form": form,
            "count": approved.count(),
            "running": in_progress(project, Job.Kind.ISSUE),
            "not_ready": not_ready_message(missing) if missing else "",
            "may_fix": bool(missing) and project.role_of(request.user) == MembershipRole.ADMIN,
            "organisation": project.organisation,
        },
    )


@login_required
def certificates_zip(request, project_code):
    """Confirm, then put every valid certificate of the project into one ZIP."""
    project = project_for_member(request, project_code)
    holders = project.participants.filter(certificates__state="valid").not_erased().distinct()
    if request.method == "POST":
        participants = list(holders.only("pk"))
        if not participants:
            messages.info(request, _("No participant of this project holds a valid certificate."))
            return redirect(project)
        started = _("Putting the certificates into a ZIP in the background.")
        return _start_or_show(request, project, Job.Kind.ZIP, participants, started)
    return render(
        request,
        "dashboard/certificates_zip.html",
        {
            "project": project,
            "count": holders.count(),
            "running": in_progress(project, Job.Kind.ZIP),
            "recent": project.jobs.filter(kind=Job.Kind.ZIP, state=Job.State.DONE)
            .with_available_results()
            .select_related("created_by")[:5],
        },
    )
