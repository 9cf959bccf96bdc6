"""E-mails to many participants at once, from the project dashboard: invite, send the
invitation again, remind those who have not submitted.

The dashboard's table sends the selection (ticked participants, or everyone its filters
match) here by GET; this page says who gets an e-mail and who is left out, and why.
Confirming (POST) starts a background job for those who get one.
"""

from collections import Counter
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy

from jobs.models import Job
from participants.bulk import REMINDABLE
from participants.models import Status
from projects.access import project_for_member, refuse_if_pseudonymised
from projects.forms import BulkActionForm, CodeListField, ParticipantFilterForm

# Who each action is for; participants.bulk checks the same again for each one.
ELIGIBLE = {
    Job.Kind.INVITE: (Status.ADDED,),
    Job.Kind.RESEND: (Status.ADDED, Status.INVITED),
    Job.Kind.REMIND: REMINDABLE,
}
TITLES = {
    Job.Kind.INVITE: gettext_lazy("Invite participants"),
    Job.Kind.RESEND: gettext_lazy("Send the invitations again"),
    Job.Kind.REMIND: gettext_lazy("Remind participants"),
}
# A second confirmation of the same e-mails this soon after the first is a double click.
REPEAT_WINDOW = timedelta(minutes=2)


# Why participants get no e-mail from an action, by the state they are in.
REASONS = {
    "not_invited": ngettext_lazy(
        "%(count)d has not been invited yet.", "%(count)d have not been invited yet.", "count"
    ),
    "invited": ngettext_lazy(
        "%(count)d was invited already.", "%(count)d were invited already.", "count"
    ),
    "accepted": ngettext_lazy(
        "%(count)d has accepted the invitation already.",
        "%(count)d have accepted the invitation already.",
        "count",
    ),
    "submitted": ngettext_lazy(
        "%(count)d has submitted already.", "%(count)d have submitted already.", "count"
    ),
    "not_found": ngettext_lazy(
        "%(count)d is not a participant of this project.",
        "%(count)d are not participants of this project.",
        "count",
    ),
}


def _reason(kind: str, status: str) -> str:
    if status == Status.ADDED:
        return "not_invited"
    if status == Status.INVITED:
        return "invited"
    return "submitted" if kind == Job.Kind.REMIND else "accepted"


def _reasons(kind: str, by_status: dict, not_found: int) -> list[str]:
    """Why those left out get no e-mail, each reason with its count."""
    counts = Counter()
    for status in Status.values:  # in the order of the process
        if by_status.get(status) and status not in ELIGIBLE[kind]:
            counts[_reason(kind, status)] += by_status[status]
    if not_found:
        counts["not_found"] = not_found
    return [str(REASONS[key] % {"count": count}) for key, count in counts.items()]


def _back(project, filters: dict) -> str:
    query = urlencode(filters)
    return project.get_absolute_url() + (f"?{query}" if query else "") + "#participants"


def _repeated(project, kind, user, eligible: set[int]):
    """The same e-mails started by the same person a moment ago (a double click), if so."""
    latest = (
        project.jobs.filter(
            kind=kind, created_by=user, created_at__gte=timezone.now() - REPEAT_WINDOW
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    if latest and set(latest.items.values_list("participant_id", flat=True)) == eligible:
        return latest
    return None


@login_required
def bulk_email(request, project_code):
    """Confirm (GET), then start (POST) e-mails to the selected or filtered participants."""
    project = project_for_member(request, project_code)
    if refused := refuse_if_pseudonymised(request, project):
        return refused
    data = request.POST if request.method == "POST" else request.GET
    form = BulkActionForm(data)
    filter_form = ParticipantFilterForm(data)
    filters = filter_form.filters
    # A filter that is not understood would widen "everyone who matches": refuse instead.
    if not form.is_valid() or not filter_form.is_valid():
        for errors in (*form.errors.values(), *filter_form.errors.values()):
            for error in errors:
                messages.error(request, error)
        return redirect(_back(project, filters))
    kind = form.cleaned_data["action"]

    participants = project.participants.all()
    if form.cleaned_data["scope"] == BulkActionForm.Scope.FILTER:
        selection = filter_form.filter(participants)
        codes = []
    else:
        codes = form.cleaned_data["participant"]
        # Only this project's participants: any other code is left out, never acted on.
        selection = participants.filter(code__in=CodeListField.plausible(codes))

    if request.method == "POST":
        eligible = list(selection.filter(status__in=ELIGIBLE[kind]).only("pk"))
        if not eligible:
            messages.info(request, _("None of the selected participants gets an e-mail."))
            return redirect(_back(project, filters))
        if repeated := _repeated(project, kind, request.user, {p.pk for p in eligible}):
            messages.info(
                request, _("These e-mails were started a moment ago; here is their progress.")
            )
            return redirect(repeated)
        job = Job.start(project, kind, eligible, by=request.user)
        messages.success(
            request,
            ngettext(
                "Sending %(count)d e-mail in the background.",
                "Sending %(count)d e-mails in the background.",
                len(eligible),
            )
            % {"count": len(eligible)},
        )
        return redirect(job)

    by_status = dict(selection.order_by().values_list("status").annotate(count=Count("pk")))
    found = sum(by_status.values())
    eligible_count = sum(by_status.get(status, 0) for status in ELIGIBLE[kind])
    not_found = len(codes) - found if codes else 0
    found_codes = list(selection.values_list("code", flat=True)) if codes else []
    return render(
        request,
        "projects/bulk_confirm.html",
        {
            "project": project,
            "kind": kind,
            "title": TITLES[kind],
            "selected": found + not_found,
            "eligible": eligible_count,
            "reasons": _reasons(kind, by_status, not_found),
            "scope": form.cleaned_data["scope"],
            "codes": found_codes,
            "filters": filters,
            "back": _back(project, filters),
        },
    )
