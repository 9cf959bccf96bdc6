"""E-mails to many participants at once, from the project dashboard: invite, send the
invitation again, remind those who have not submitted.

The dashboard's table sends the selection (ticked participants, or everyone its filters
match) here by GET; this page says who gets an e-mail and who is left out, and why.
Confirming (POST) starts a background job for those who get one.
"""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy

from dashboard.forms import BulkActionForm, CodeListField, ParticipantFilterForm
from jobs.models import Job
from participants.models import ParticipantState
from participants.states import ELIGIBLE, REFUSAL_COUNTS, refusal_key
from projects.access import project_for_member, refuse_if_pseudonymised

TITLES = {
    Job.Kind.INVITE: gettext_lazy("Invite participants"),
    Job.Kind.RESEND: gettext_lazy("Send the invitations again"),
    Job.Kind.REMIND: gettext_lazy("Remind participants"),
}
NOT_FOUND = ngettext_lazy(
    "%(count)d is not a participant of this project.",
    "%(count)d are not participants of this project.",
    "count",
)


def _reasons(kind: str, by_state: dict, not_found: int) -> list[str]:
    """Why those left out get no e-mail, each reason with its count."""
    counts = Counter()
    for state in ParticipantState.values:  # in the order of the process
        if by_state.get(state) and (key := refusal_key(kind, state)):
            counts[key] += by_state[state]
    reasons = [str(REFUSAL_COUNTS[key] % {"count": count}) for key, count in counts.items()]
    if not_found:
        reasons.append(str(NOT_FOUND % {"count": not_found}))
    return reasons


def _back(project, filters: dict) -> str:
    query = urlencode(filters)
    return project.get_absolute_url() + (f"?{query}" if query else "") + "#participants"


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
        eligible = list(selection.eligible_for(kind).only("pk"))
        if not eligible:
            messages.info(request, _("None of the selected participants gets an e-mail."))
            return redirect(_back(project, filters))
        job, started = Job.start(project, kind, eligible, by=request.user)
        if not started:
            if job.created_by_id == request.user.pk:
                message = _("These e-mails were started a moment ago; here is their progress.")
            else:
                message = _(
                    "Such e-mails are being sent for this project right now; here is their "
                    "progress. Start yours once they are out."
                )
            messages.info(request, message)
            return redirect(job)
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

    by_state = dict(selection.order_by().values_list("state").annotate(count=Count("pk")))
    found = sum(by_state.values())
    eligible_count = sum(by_state.get(state, 0) for state in ELIGIBLE[kind])
    not_found = len(codes) - found if codes else 0
    found_codes = list(selection.values_list("code", flat=True)) if codes else []
    return render(
        request,
        "dashboard/bulk_confirm.html",
        {
            "project": project,
            "kind": kind,
            "title": TITLES[kind],
            "selected": found + not_found,
            "eligible": eligible_count,
            "reasons": _reasons(kind, by_state, not_found),
            "scope": form.cleaned_data["scope"],
            "codes": found_codes,
            "filters": filters,
            "back": _back(project, filters),
        },
    )
