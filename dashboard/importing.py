"""A participant list from a spreadsheet: every row checked before anything is saved.

`check_file` reads a CSV or XLSX file (youthpass_site.lib.spreadsheets) and returns each
row with the values it would save and the problems that keep it out, named by the row
number the spreadsheet shows and the column. Problems are stored as codes with their
values, so that the preview reads in the language of whoever opens it.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django_countries import countries

from dashboard.models import project_emails
from participants.models import Participant, ParticipantRole
from youthpass_site.lib.spreadsheets import (
    ENCODINGS,
    SpreadsheetError,
    normalise_header,
    read_table,
)
from youthpass_site.lib.text import printable

COLUMNS = (
    "first_name",
    "last_name",
    "email",
    "date_of_birth",
    "place_of_birth",
    "country",
    "role",
    "language",
    "start_date",
    "end_date",
)
REQUIRED = ("first_name", "last_name", "email")
TEXT_COLUMNS = ("first_name", "last_name", "place_of_birth")
DATE_COLUMNS = ("date_of_birth", "start_date", "end_date")
# ISO first; then the day-first forms used across Europe. Never month-first (03/04/2026).
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")
EARLIEST_YEAR = 1900
# What a preview keeps of a value that is shown back (a longer one is refused anyway).
SHOWN_LENGTH = 120

MESSAGES = {
    "required": gettext_lazy("Empty, but it must be filled in."),
    "too_long": gettext_lazy("Longer than %(max)d characters."),
    "email_invalid": gettext_lazy("“%(value)s” is not a valid e-mail address."),
    "date_invalid": gettext_lazy(
        "“%(value)s” is not a date. Write dates as YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY."
    ),
    "birth_future": gettext_lazy("The date of birth is in the future."),
    "outside_project": gettext_lazy("Not within the project's dates, %(start)s to %(end)s."),
    "date_order": gettext_lazy("The end date comes before the start date."),
    "country_unknown": gettext_lazy(
        "“%(value)s” is not a country. Write a two-letter code such as LV, or the country's "
        "name in English or Latvian."
    ),
    "role_unknown": gettext_lazy("“%(value)s” is not a role. Write one of: %(choices)s."),
    "language_unknown": gettext_lazy(
        "“%(value)s” is not a language of the site. Write one of: %(choices)s."
    ),
    "duplicate_in_file": gettext_lazy("The same e-mail address as row %(row)d."),
    "duplicate_in_project": gettext_lazy(
        "A participant with this e-mail address is in the project already."
    ),
    "unknown_columns": gettext_lazy("These columns are not read and were left out: %(columns)s."),
    "bytes_replaced": gettext_lazy(
        "Some characters are not valid %(encoding)s and are shown as �, in rows %(rows)s. "
        "Check these names, or save the file again as CSV UTF-8."
    ),
}


@dataclass
class Problem:
    code: str
    column: str = ""  # the column's header as written in the file; "" for the whole file
    params: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        params = dict(self.params)
        # Date values are stored as ISO text, and shown as the reader writes dates.
        for key in ("start", "end"):
            if key in params:
                params[key] = date_format(date.fromisoformat(params[key]), "DATE_FORMAT")
        if self.code == "role_unknown":
            params["choices"] = ", ".join(str(label) for label in ParticipantRole.labels)
        if "encoding" in params:
            params["encoding"] = ENCODINGS.get(params["encoding"], params["encoding"])
        if self.code == "language_unknown":
            params["choices"] = ", ".join(str(name) for _code, name in settings.LANGUAGES)
        return MESSAGES[self.code] % params

    def as_json(self) -> dict:
        return {"code": self.code, "column": self.column, "params": self.params}

    @classmethod
    def from_json(cls, data: dict) -> "Problem":
        return cls(data["code"], data.get("column", ""), data.get("params", {}))


@dataclass
class CheckedFile:
    """What `check_file` found: JSON-ready, to be stored for the preview."""

    columns: dict[str, str]  # column -> its header as written in the file
    rows: list[dict]  # {"row": n, "values": {...}, "data": {...}, "problems": [...]}
    warnings: list[dict]  # problems of the whole file that do not stop the import
    encoding: str = ""  # of a CSV file, a key of ENCODINGS; "" for XLSX

    @property
    def valid_count(self) -> int:
        return sum(1 for row in self.rows if not row["problems"])


def column_names() -> dict[str, str]:
    """Header (normalised) -> column: the column's own name, or its label in any language.

    So a file exported from here, with labels such as "E-mail address" or "Uzvārds" as
    headers, reads back in as it is.
    """
    names = {column: column for column in COLUMNS}
    names.update({"e_mail": "email", "email_address": "email", "e_mail_address": "email"})
    fields = {column: Participant._meta.get_field(column) for column in COLUMNS}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for column, model_field in fields.items():
                names.setdefault(normalise_header(str(model_field.verbose_name)), column)
    return names


def check_file(project, data: bytes, encoding: str | None = None) -> CheckedFile:
    """Every row of the file with its problems; SpreadsheetError if the file is unusable.

    A CSV file is read in `encoding` (a key of ENCODINGS), or in the one it most likely has.
    """
    table = read_table(data, encoding=encoding)
    names = column_names()
    positions: dict[str, int] = {}
    columns: dict[str, str] = {}
    unknown = []
    for index, (header, raw) in enumerate(zip(table.headers, table.raw_headers, strict=True)):
        column = names.get(header)
        if column is None:
            if raw:
                unknown.append(raw)
            continue
        if column in positions:
            raise SpreadsheetError(
                _("Two columns of the first row mean the same: “%(first)s” and “%(second)s”.")
                % {"first": columns[column], "second": raw}
            )
        positions[column] = index
        columns[column] = raw
    missing = [column for column in REQUIRED if column not in positions]
    if missing:
        raise SpreadsheetError(
            _(
                "The first row must name the columns, and these are missing: %(missing)s. "
                "Download the template to see how."
            )
            % {"missing": ", ".join(missing)}
        )
    if not table.rows:
        raise SpreadsheetError(_("The file has the column names but no participants below them."))

    checker = RowChecker(project)
    rows = []
    for row in table.rows:
        raw = {column: row.cells[index] for column, index in positions.items()}
        values, data, problems = checker.check(raw)
        rows.append(
            {
                "row": row.number,
                "values": values,
                "data": data,
                "problems": [
                    Problem(code, columns.get(column, column), params)
                    for code, column, params in problems
                ],
            }
        )
    _mark_duplicates(project, rows, columns)
    for row in rows:
        row["problems"] = [problem.as_json() for problem in row["problems"]]
    warnings = []
    if unknown:
        warnings.append(
            Problem("unknown_columns", params={"columns": ", ".join(unknown)}).as_json()
        )
    if table.replaced_rows:
        rows_named = ", ".join(str(number) for number in table.replaced_rows[:20])
        if len(table.replaced_rows) > 20:
            rows_named += ", …"
        warnings.append(
            Problem(
                "bytes_replaced", params={"encoding": table.encoding, "rows": rows_named}
            ).as_json()
        )
    return CheckedFile(columns=columns, rows=rows, warnings=warnings, encoding=table.encoding)


def _mark_duplicates(project, rows, columns):
    """The second and later rows with an e-mail address, and those already in the project."""
    taken = project_emails(project)
    first_row = {}
    column = columns["email"]
    for row in rows:
        email = row["data"].get("email")
        if not email:
            continue
        if email in first_row:
            row["problems"].append(Problem("duplicate_in_file", column, {"row": first_row[email]}))
            continue
        first_row[email] = row["row"]
        if email in taken:
            row["problems"].append(Problem("duplicate_in_project", column))


def shown(value) -> str:
    text = value.isoformat() if isinstance(value, date) else str(value)
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"


class RowChecker:
    """Checks one row at a time against the model's rules and the project's dates."""

    def __init__(self, project):
        self.project = project
        self.today = timezone.localdate()
        self.max_lengths = {
            column: Participant._meta.get_field(column).max_length
            for column in (*TEXT_COLUMNS, "email")
        }
        self.roles = _lookup(
            ParticipantRole.choices,
            extra={value.replace("_", " "): value for value in ParticipantRole.values},
        )
        self.languages = _lookup(
            settings.LANGUAGES,
            extra={
                get_language_info(code)["name_local"].lower(): code
                for code, _name in settings.LANGUAGES
            },
        )

    def check(self, raw: dict) -> tuple[dict, dict, list]:
        """The row's values as shown, as saved, and its problems as (code, column, params)."""
        values = {column: shown(value) for column, value in raw.items() if value != ""}
        data, problems = {}, []

        def problem(code, column, **params):
            problems.append((code, column, params))

        for column in (*TEXT_COLUMNS, "email"):
            text = _text(raw.get(column, ""))
            if column == "email":
                text = text.lower()
            if not text and column in REQUIRED:
                problem("required", column)
            elif len(text) > self.max_lengths[column]:
                problem("too_long", column, max=self.max_lengths[column])
            elif column == "email" and text and not _is_email(text):
                problem("email_invalid", column, value=shown(text))
            data[column] = text

        for column in DATE_COLUMNS:
            value = raw.get(column, "")
            parsed = _date(value)
            if parsed is False:
                problem("date_invalid", column, value=shown(_text(value)))
                parsed = None
            data[column] = parsed.isoformat() if parsed else None
        self._check_dates(data, problem)

        data["country"] = self._choice(raw, "country", _country, "country_unknown", problem)
        data["role"] = self._choice(raw, "role", self.roles.get, "role_unknown", problem)
        data["language"] = self._choice(
            raw, "language", self.languages.get, "language_unknown", problem
        )
        return values, data, problems

    @staticmethod
    def _choice(raw, column, find, code, problem):
        text = _text(raw.get(column, ""))
        if not text:
            return ""
        found = find(text.lower())
        if not found:
            problem(code, column, value=shown(text))
            return ""
        return found

    def _check_dates(self, data, problem):
        project = self.project
        birth = data["date_of_birth"]
        if birth and date.fromisoformat(birth) > self.today:
            problem("birth_future", "date_of_birth")
        period = {}
        for column in ("start_date", "end_date"):
            if data[column]:
                period[column] = date.fromisoformat(data[column])
                if not project.start_date <= period[column] <= project.end_date:
                    problem(
                        "outside_project",
                        column,
                        start=project.start_date.isoformat(),
                        end=project.end_date.isoformat(),
                    )
        if len(period) == 2 and period["start_date"] > period["end_date"]:
            problem("date_order", "end_date")


def _lookup(choices, extra) -> dict[str, str]:
    """Lower-case code or label, in every language of the site -> code."""
    found = {str(value).lower(): value for value, _label in choices}
    found.update(extra)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for value, label in choices:
                found.setdefault(str(label).lower(), value)
    return found


def _country(text: str) -> str:
    """An ISO code (LV, LVA) or a name in English or Latvian -> the two-letter code."""
    try:
        code = countries.alpha2(text)
    except ValueError:  # digits that are not a number to it, such as "¹"
        code = ""
    if code:
        return code
    for code, _name in settings.LANGUAGES:
        found = countries.by_name(text, language=code)
        if found:
            return found
    return ""


def _text(value) -> str:
    """One line of text: no control characters, runs of white space made one space."""
    if isinstance(value, date):
        value = value.isoformat()
    return " ".join(printable(str(value)).split())


def _is_email(text: str) -> bool:
    try:
        validate_email(text)
    except ValidationError:
        return False
    return True


def _date(value) -> date | None | bool:
    """The date in a cell: None when empty, False when it is not a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        return None
    # "17.05.2004." is how dates are often written in Latvian.
    text = text.removesuffix(".") if text.count(".") == 3 else text
    for pattern in DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        # A year like 204 is a typing error, not a date anyone took part or was born on.
        return parsed if parsed.year >= EARLIEST_YEAR else False
    return False
