import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from certificates.forms import IssueForm, VerifyForm
from certificates.models import Certificate
from participants.models import Status
from projects.access import participant_for_editor
from projects.formats import Format
from youthpass_site.lib.codes import normalise_certificate_id


def _noindex(response):
    # Verification pages name people: search engines must not list them.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _public_facts(certificate):
    """The few facts that anyone holding the ID may see, all as frozen at issue.

    Never birth data, e-mail or self-assessment texts.
    """
    snapshot = certificate.snapshot
    holder = snapshot["holder"]
    project = snapshot["project"]
    # The format's name in the visitor's language where the key is still known.
    if project["format"] in Format.values:
        format_name = Format(project["format"]).label
    else:
        format_name = project["format_name"]
    return {
        "holder_name": f"{holder['first_name']} {holder['last_name']}".strip(),
        "format_name": format_name,
        "project_title": project["title"],
        "start_date": datetime.date.fromisoformat(project["start_date"]),
        "end_date": datetime.date.fromisoformat(project["end_date"]),
        "organisation_name": snapshot["organisation"]["name"],
        "issue_date": datetime.date.fromisoformat(snapshot["issue_date"]),
    }


def verify_form(request):
    form = VerifyForm(request.GET if "certificate_id" in request.GET else None)
    if form.is_valid():
        return redirect("certificates:verify", form.cleaned_data["certificate_id"])
    return _noindex(render(request, "certificates/verify_form.html", {"form": form}))


def verify(request, certificate_id):
    canonical = normalise_certificate_id(certificate_id)
    if canonical and canonical != certificate_id:
        return redirect("certificates:verify", canonical, permanent=True)
    certificate = (
        Certificate.objects.filter(certificate_id=canonical)
        .only("certificate_id", "state", "state_changed_at", "snapshot")
        .first()
        if canonical
        else None
    )
    if certificate is None:
        form = VerifyForm(initial={"certificate_id": certificate_id[:40]})
        context = {"form": form, "not_found": True}
        return _noindex(render(request, "certificates/verify_form.html", context, status=404))
    context = {"certificate": certificate, **_public_facts(certificate)}
    return _noindex(render(request, "certificates/verify.html", context))


@login_required
def download(request, certificate_id):
    """The stored PDF, exactly as issued, for its holder and the issuing organisation."""
    canonical = normalise_certificate_id(certificate_id)
    if canonical is None:
        raise Http404
    certificate = get_object_or_404(
        Certificate.objects.visible_to(request.user), certificate_id=canonical
    )
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=certificate.filename,
        content_type="application/pdf",
    )


@require_POST
@login_required
def issue(request, project_code, participant_code):
    participant = participant_for_editor(request, project_code, participant_code)
    form = IssueForm(request.POST)
    if participant.status not in (Status.APPROVED, Status.ISSUED):
        messages.error(request, _("A certificate can be issued only after approval."))
    elif not form.is_valid():
        messages.error(request, _("Choose the language of the certificate."))
    else:
        certificate = Certificate.issue_for(
            participant, by=request.user, language=form.cleaned_data["language"]
        )
        messages.success(
            request,
            _("Certificate %(id)s issued. The participant can download it now.")
            % {"id": certificate.certificate_id},
        )
    return redirect("participants:manage", project_code, participant_code)
