"""The dashboard's participant table: its filters and sorting, and the bulk actions on the
participants ticked in it or matched by its filters."""

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Case, F, IntegerField, When
from django.utils.translation import gettext_lazy as _

from dashboard.importing import check_file
from participants.models import ParticipantRole, ParticipantState
from participants.states import Action
from youthpass_site.lib.codes import URL_ALPHABET
from youthpass_site.lib.collation import collated
from youthpass_site.lib.spreadsheets import ENCODINGS, SpreadsheetError, too_big_message


def _sorts():
    """Each sort's ordering; names in the order of the reader's language."""
    last_name, first_name = collated("last_name").asc(), collated("first_name").asc()
    return {
        "name": (last_name, first_name),
        "state": (F("state_order").asc(), last_name, first_name),
        "submitted": (F("submitted_at").asc(nulls_first=True), last_name),
        "reminded": (F("last_reminded_at").asc(nulls_first=True), last_name),
    }


SORT_CHOICES = [
    ("name", _("Name, A–Z")),
    ("-name", _("Name, Z–A")),
    ("state", _("State, in the order of the process")),
    ("-state", _("State, furthest first")),
    ("submitted", _("Submitted, earliest first")),
    ("-submitted", _("Submitted, latest first")),
    ("reminded", _("Last reminded, earliest first")),
    ("-reminded", _("Last reminded, latest first")),
]
DEFAULT_SORT = "name"
FILTERS = ("q", "state", "language", "role")


def _reversed(expression):
    """The same ordering, the other way round (nulls first become nulls last)."""
    expression = expression.copy()
    expression.reverse_ordering()
    return expression


class ParticipantFilterForm(forms.Form):
    """The dashboard's GET filters. Values that are not understood are left out."""

    q = forms.CharField(
        label=_("Name or e-mail"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All states")), *ParticipantState.choices]
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("All languages")), *settings.LANGUAGES],
    )
    role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[("", _("All roles")), *ParticipantRole.choices],
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    # The dashboard renders this form on every visit with plain widgets: the grid column
    # of each field, and Bootstrap's class for its control.
    COLUMNS = {
        "q": "col-12 col-lg-3",
        "state": "col-6 col-md-3 col-lg-2",
        "language": "col-6 col-md-3 col-lg-2",
        "role": "col-6 col-md-3 col-lg-2",
        "sort": "col-6 col-md-3 col-lg-3",
    }

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)
        for name, field in self.fields.items():
            css = "form-control" if name == "q" else "form-select"
            field.widget.attrs["class"] = css
            field.column = self.COLUMNS[name]

    def value(self, name):
        """The field's value if it is valid, else its empty value."""
        self.is_valid()
        return self.cleaned_data.get(name) or ""

    @property
    def filters(self) -> dict[str, str]:
        """The filters in use, without empty or invalid ones: for links that keep them."""
        return {name: self.value(name) for name in FILTERS if self.value(name)}

    @property
    def sort_key(self) -> str:
        return self.value("sort") or DEFAULT_SORT

    def filter(self, participants):
        """The participants that match the valid filters (not sorted)."""
        filters = self.filters
        participants = participants.matching(filters.get("q", ""))
        for name in ("state", "language", "role"):
            if name in filters:
                participants = participants.filter(**{name: filters[name]})
        return participants

    def sorted(self, participants):
        key = self.sort_key
        ordering = _sorts()[key.removeprefix("-")]
        if key.startswith("-"):
            ordering = tuple(_reversed(expression) for expression in ordering)
        participants = participants.annotate(
            state_order=Case(
                *(When(state=state, then=number) for number, state in enumerate(ParticipantState)),
                output_field=IntegerField(),
            )
        )
        return participants.order_by(*ordering, "pk")


CODE_CHARACTERS = set(URL_ALPHABET)


class CodeListField(forms.Field):
    """Participant codes from checkboxes: a list of short strings, repeated ones once."""

    widget = forms.MultipleHiddenInput
    # Ten pages of the table; Django refuses requests with 1000 fields or more anyway.
    MAX = 500

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        codes = list(dict.fromkeys(code.strip() for code in value if code.strip()))
        if len(codes) > self.MAX:
            raise forms.ValidationError(
                _("Select at most %(max)d participants at once, or act on everyone who matches."),
                params={"max": self.MAX},
                code="too_many",
            )
        return codes

    @staticmethod
    def plausible(codes: list[str]) -> list[str]:
        """The codes that could be a participant's; any other is nobody's (and a NUL
        character would not even reach PostgreSQL)."""
        return [code for code in codes if len(code) <= 12 and set(code) <= CODE_CHARACTERS]


# The e-mails the dashboard sends to many participants at once.
BULK_EMAILS = (Action.INVITE, Action.RESEND, Action.REMIND)


class BulkActionForm(forms.Form):
    """What to do, and to whom: the participants ticked, or everyone the filters match."""

    class Scope(models.TextChoices):
        SELECTED = "selected", _("The participants selected")
        FILTER = "filter", _("Everyone who matches the filters")

    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            (action, action.label) for action in (Action.INVITE, Action.RESEND, Action.REMIND)
        ],
    )
    scope = forms.ChoiceField(choices=Scope.choices, initial=Scope.SELECTED)
    participant = CodeListField(required=False)

    def clean(self):
        data = super().clean()
        if data.get("scope") == self.Scope.SELECTED and not data.get("participant"):
            raise forms.ValidationError(
                _("Select at least one participant, or act on everyone who matches."),
                code="nobody",
            )
        return data


class ImportUploadForm(forms.Form):
    """A participant list to check; nothing is saved until the preview is confirmed."""

    file = forms.FileField(
        label=_("Participant list (CSV or XLSX)"),
        max_length=255,
        allow_empty_file=True,
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.checked = None
        self.content = b""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.SPREADSHEET_MAX_BYTES:
            raise forms.ValidationError(too_big_message(), code="too_big")
        self.content = upload.read()
        try:
            self.checked = check_file(self.project, self.content)
        except SpreadsheetError as error:
            raise forms.ValidationError(str(error), code="unreadable") from None
        return upload


class ImportEncodingForm(forms.Form):
    """Read a stored CSV file again, in the encoding the organiser knows it has."""

    encoding = forms.ChoiceField(label=_("Read the file as"), choices=ENCODINGS.items())


class ImportConfirmForm(forms.Form):
    invite = forms.BooleanField(
        label=_("Invite them by e-mail now"),
        required=False,
        help_text=_(
            "Each new participant gets an e-mail with a personal link. You can also invite "
            "them later."
        ),
    )
