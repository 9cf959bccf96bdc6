"""Participant lists in and out as spreadsheets: import with a preview, template, export."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst, slugify
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_countries import countries

import audit
from certificates.models import Certificate
from dashboard.forms import ImportConfirmForm, ImportEncodingForm, ImportUploadForm
from dashboard.importing import COLUMNS, REQUIRED, Problem, check_file
from dashboard.models import AlreadyImported, ParticipantImport, project_emails
from jobs.models import Job
from participants.models import Participant, ParticipantRole
from projects.access import project_for_member, refuse_if_pseudonymised
from youthpass_site.lib.spreadsheets import ENCODINGS, SpreadsheetError, spreadsheet_response


def import_for_member(request, project_code, import_code):
    """A stored preview, for the members of the organisation that runs the project."""
    project = project_for_member(request, project_code)
    preview = get_object_or_404(
        ParticipantImport.objects.select_related("imported_by"),
        project=project,
        code=import_code,
    )
    preview.project = project
    return preview


@login_required
def import_upload(request, project_code):
    project = project_for_member(request, project_code)
    if refused := refuse_if_pseudonymised(request, project):
        return refused
    posted = request.method == "POST"
    form = ImportUploadForm(
        request.POST if posted else None, request.FILES if posted else None, project=project
    )
    if posted and form.is_valid():
        preview = ParticipantImport.create_from(
            project,
            form.checked,
            form.cleaned_data["file"].name,
            by=request.user,
            content=form.content,
        )
        return redirect(preview)
    return render(
        request,
        "dashboard/import_upload.html",
        {
            "project": project,
            "form": form,
            "columns": COLUMNS,
            "required": REQUIRED,
            "max_rows": settings.SPREADSHEET_MAX_ROWS,
        },
    )


def _preview_rows(preview, taken):
    """The stored rows with their problems, and with one more for e-mail addresses that
    have come into the project since the file was checked; each valid row as it will be
    saved, in words."""
    email_column = preview.columns.get("email", "email")
    roles = dict(ParticipantRole.choices)
    languages = dict(settings.LANGUAGES)
    own_language = languages.get(get_language(), "")
    rows = []
    for row in preview.rows:
        problems = [Problem.from_json(problem) for problem in row["problems"]]
        if not problems and row["data"]["email"] in taken:
            problems.append(Problem("duplicate_in_project", email_column))
        data = row["data"]
        saved = {}
        if not problems:
            saved = {
                **{name: _date(data[name]) for name in ("date_of_birth", "start_date", "end_date")},
                "role": roles[data["role"] or ParticipantRole.PARTICIPANT],
                "country": countries.name(data["country"]) if data["country"] else "",
                "language": languages[data["language"]] if data["language"] else own_language,
            }
        rows.append({**row, "problems": problems, "saved": saved})
    return rows


def _date(text):
    return datetime.date.fromisoformat(text) if text else None


@login_required
def import_preview(request, project_code, import_code):
    preview = import_for_member(request, project_code, import_code)
    project = preview.project
    if refused := refuse_if_pseudonymised(request, project):
        return refused
    # An unticked box sends nothing: an empty POST is still a confirmation.
    form = ImportConfirmForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        return _import(request, preview, invite=form.cleaned_data["invite"])
    rows = _preview_rows(preview, project_emails(project)) if not preview.imported_at else []
    valid = [row for row in rows if not row["problems"]]
    return render(
        request,
        "dashboard/import_preview.html",
        {
            "project": project,
            "preview": preview,
            "form": form,
            "rows": rows,
            "valid_rows": valid,
            "problem_rows": [row for row in rows if row["problems"]],
            "warnings": [Problem.from_json(warning) for warning in preview.warnings],
            "encoding": ENCODINGS.get(preview.encoding, ""),
            "encoding_form": ImportEncodingForm(initial={"encoding": preview.encoding})
            if preview.content is not None and not preview.imported_at
            else None,
        },
    )


@login_required
@require_POST
def import_encoding(request, project_code, import_code):
    """Read the stored CSV file of a preview again, in the encoding the organiser chose."""
    preview = import_for_member(request, project_code, import_code)
    if refused := refuse_if_pseudonymised(request, preview.project):
        return refused
    form = ImportEncodingForm(request.POST)
    if preview.imported_at or preview.content is None or not form.is_valid():
        return redirect(preview)
    try:
        checked = check_file(
            preview.project, bytes(preview.content), encoding=form.cleaned_data["encoding"]
        )
    except SpreadsheetError as error:
        messages.error(request, str(error))
        return redirect(preview)
    preview.read_again(checked)
    messages.success(
        request,
        _("The file was read again as %(encoding)s.") % {"encoding": ENCODINGS[checked.encoding]},
    )
    return redirect(preview)


def _import(request, preview, invite):
    project = preview.project
    try:
        participants = preview.import_valid_rows(request.user, get_language())
    except AlreadyImported:
        messages.info(request, _("This list was imported already. Nobody was added twice."))
        return redirect(project)
    except IntegrityError:
        # Someone added one of these people at the very same moment.
        messages.error(
            request,
            _("The project changed while the list was imported, and nobody was added. Try again."),
        )
        return redirect(preview)
    count = len(participants)
    problems = preview.row_count - preview.valid_count
    taken = preview.valid_count - count
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d participant was added from %(file)s.",
                "%(count)d participants were added from %(file)s.",
                count,
            )
            % {"count": count, "file": preview.file_name},
        )
    else:
        messages.warning(
            request, _("Nobody was added from %(file)s.") % {"file": preview.file_name}
        )
    if problems:
        messages.warning(
            request,
            ngettext(
                "%(count)d row with problems was left out.",
                "%(count)d rows with problems were left out.",
                problems,
            )
            % {"count": problems},
        )
    if taken:
        messages.warning(
            request,
            ngettext(
                "%(count)d row was left out: its e-mail address is in the project by now.",
                "%(count)d rows were left out: their e-mail addresses are in the project by now.",
                taken,
            )
            % {"count": taken},
        )
    if invite and participants:
        # Sent in the background; the job's page shows each invitation as it goes out.
        job, started = Job.start(project, Job.Kind.INVITE, participants, by=request.user)
        if not started:
            messages.info(
                request,
                _(
                    "Other invitations of this project are being sent right now: invite the "
                    "new participants from the dashboard once they are out."
                ),
            )
        return redirect(job.get_absolute_url())
    return redirect(project)


# Downloads


def _template_rows(project):
    example = {
        "first_name": "Līga",
        "last_name": "Kalniņa",
        "email": "liga.kalnina@example.org",
        "date_of_birth": datetime.date(2004, 5, 17),
        "place_of_birth": "Rēzekne",
        "country": "LV",
        "role": "participant",
        "language": "lv",
        "start_date": project.start_date,
        "end_date": project.end_date,
    }
    return [[example[column] for column in COLUMNS]]


@login_required
def import_template(request, project_code, kind):
    """An empty participant list with the columns the import reads, and one example row."""
    project = project_for_member(request, project_code)
    return spreadsheet_response(
        kind,
        pgettext("file name", "participants-template"),
        list(COLUMNS),
        _template_rows(project),
        title=_("Participants"),
    )


# The import's columns first, so that an export can be imported into another project.
EXPORT_FIELDS = (*COLUMNS, "state", "submitted_at", "approved_at")


def _export_row(participant):
    values = {field: getattr(participant, field) for field in EXPORT_FIELDS}
    values.update(
        country=participant.country.name if participant.country else "",
        role=participant.get_role_display(),
        language=participant.get_language_display(),
        state=participant.get_state_display(),
    )
    certificates = ", ".join(
        f"{certificate.certificate_id} ({certificate.language})"
        for certificate in participant.certificates.all()
    )
    return [*(values[field] for field in EXPORT_FIELDS), certificates]


@login_required
def participant_export(request, project_code, kind):
    """The project's participant list, with the state of each one's Youthpass.

    The headers are the fields' labels, which the import reads too: an export can be
    imported into another project as it is.
    """
    project = project_for_member(request, project_code)
    participants = project.participants.prefetch_related(
        Prefetch(
            "certificates",
            queryset=Certificate.objects.filter(state=Certificate.State.VALID).order_by("language"),
        )
    )
    headers = [capfirst(Participant._meta.get_field(field).verbose_name) for field in EXPORT_FIELDS]
    headers.append(_("Certificate IDs"))
    audit.record(
        "data_exported",
        actor=request.user,
        organisation=project.organisation,
        target=project.code,
    )
    name = "{}-{}".format(
        pgettext("file name", "participants"), slugify(project.title) or project.code
    )
    return spreadsheet_response(
        kind,
        name,
        headers,
        (_export_row(participant) for participant in participants),
        title=_("Participants"),
    )
