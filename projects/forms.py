from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Case, F, IntegerField, Q, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from jobs.models import Job
from participants.models import ParticipantRole, Status
from projects.logos import reencode_logo
from projects.models import (
    MAX_ACTIVITIES,
    MAX_PARTNERS,
    REMINDER_DAY_CHOICES,
    Activity,
    Organisation,
    PartnerOrganisation,
    Project,
)
from youthpass_site.lib.codes import URL_ALPHABET
from youthpass_site.lib.images import ACCEPTED_TYPES

FIELDSET = "projects/_fieldset.html"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProjectForm(forms.ModelForm):
    reminder_days = forms.TypedMultipleChoiceField(
        label=_("Remind those who have not submitted"),
        choices=lambda: [
            (
                days,
                ngettext("%(count)d day before", "%(count)d days before", days) % {"count": days},
            )
            for days in REMINDER_DAY_CHOICES
        ],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Project
        fields = [
            "format",
            "title",
            "grant_number",
            "start_date",
            "end_date",
            "venue_town",
            "venue_country",
            "description",
            "print_part3",
            "deadline",
            "reminder_days",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "deadline": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }


class NewProjectForm(ProjectForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )

    class Meta(ProjectForm.Meta):
        fields = ["organisation", *ProjectForm.Meta.fields]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:
            # Nothing to choose: the project belongs to the one organisation.
            del self.fields["organisation"]
            self.instance.organisation = organisations[0]


class LogoField(forms.FileField):
    """An image upload that comes out as the re-encoded PNG (see projects.logos)."""

    widget = forms.FileInput(attrs={"accept": ACCEPTED_TYPES})

    def to_python(self, data):
        upload = super().to_python(data)
        return None if upload is None else reencode_logo(upload)


class OrganisationForm(forms.ModelForm):
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = Organisation
        fields = [
            "name",
            "street",
            "postcode",
            "town",
            "country",
            "website",
            "logo",
            "signatory_name",
            "signatory_role",
        ]
        field_classes = {"logo": LogoField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous_logo = self.instance.logo.name
        if not self.previous_logo:
            del self.fields["remove_logo"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "name",
            Fieldset(
                _("Address"),
                "street",
                Row(Column("postcode", css_class="col-sm-4"), Column("town")),
                "country",
                "website",
                template=FIELDSET,
            ),
            Fieldset(
                _("Logo"),
                "logo",
                *(["remove_logo"] if self.previous_logo else []),
                template=FIELDSET,
            ),
            Fieldset(
                _("Signatory"),
                Row(Column("signatory_name"), Column("signatory_role")),
                template=FIELDSET,
            ),
        )

    def save(self, commit=True):
        if self.cleaned_data.get("remove_logo") and "logo" not in self.changed_data:
            self.instance.logo = ""
        organisation = super().save(commit)
        # The file of a replaced or removed logo would otherwise stay in storage for good;
        # issued certificates do not need it, they carry their own copy.
        if commit and self.previous_logo and self.previous_logo != organisation.logo.name:
            organisation.logo.storage.delete(self.previous_logo)
        return organisation


class PartnerForm(forms.ModelForm):
    class Meta:
        model = PartnerOrganisation
        fields = ["name", "town", "country"]

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project

    def clean(self):
        if self.instance._state.adding and self.project.partners.count() >= MAX_PARTNERS:
            raise forms.ValidationError(
                _("A project can have at most %(count)d partner organisations."),
                params={"count": MAX_PARTNERS},
                code="too_many",
            )
        return super().clean()

    def save(self, commit=True):
        self.instance.project = self.project
        return super().save(commit)


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "title",
            "start_date",
            "end_date",
            "venue_town",
            "venue_country",
            "organisations_in_charge",
            "aims",
            "activities",
            "results",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "organisations_in_charge": forms.Textarea(attrs={"rows": 2}),
            "aims": forms.Textarea(attrs={"rows": 4}),
            "activities": forms.Textarea(attrs={"rows": 5}),
            "results": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "title",
            Row(Column("start_date"), Column("end_date")),
            Row(Column("venue_town"), Column("venue_country")),
            "organisations_in_charge",
            "aims",
            "activities",
            "results",
        )

    def clean(self):
        if self.instance._state.adding and self.project.activities.count() >= MAX_ACTIVITIES:
            raise forms.ValidationError(
                _("A project can have at most %(count)d activities."),
                params={"count": MAX_ACTIVITIES},
                code="too_many",
            )
        return super().clean()

    def save(self, commit=True):
        self.instance.project = self.project
        return super().save(commit)


# The project dashboard: its participant table and actions on many participants at once.

# Sort keys offered in the table's headings; a leading "-" reverses them.
SORTS = {
    "name": (F("last_name").asc(), F("first_name").asc()),
    "state": (F("state_order").asc(), F("last_name").asc(), F("first_name").asc()),
    "submitted": (F("submitted_at").asc(nulls_first=True), F("last_name").asc()),
    "reminded": (F("last_reminded_at").asc(nulls_first=True), F("last_name").asc()),
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
        label=_("State"), required=False, choices=[("", _("All states")), *Status.choices]
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
        for word in filters.get("q", "").split():
            participants = participants.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
            )
        for name in ("state", "language", "role"):
            if name in filters:
                field = "status" if name == "state" else name
                participants = participants.filter(**{field: filters[name]})
        return participants

    def sorted(self, participants):
        key = self.sort_key
        ordering = SORTS[key.removeprefix("-")]
        if key.startswith("-"):
            ordering = tuple(_reversed(expression) for expression in ordering)
        participants = participants.annotate(
            state_order=Case(
                *(When(status=status, then=number) for number, status in enumerate(Status)),
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


class BulkActionForm(forms.Form):
    """What to do, and to whom: the participants ticked, or everyone the filters match."""

    class Scope(models.TextChoices):
        SELECTED = "selected", _("The participants selected")
        FILTER = "filter", _("Everyone who matches the filters")

    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            (Job.Kind.INVITE, _("Invite")),
            (Job.Kind.RESEND, _("Send the invitation again")),
            (Job.Kind.REMIND, _("Remind those who have not submitted")),
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
