from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.forms import AcceptInvitationForm
from projects.logos import reencode_logo
from projects.models import (
    MAX_ACTIVITIES,
    MAX_PARTNERS,
    REMINDER_DAY_CHOICES,
    Activity,
    MembershipRole,
    Organisation,
    PartnerOrganisation,
    Project,
)
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
            "submission_notices",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "deadline": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "submission_notices": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A form sent without the choice (an older page, a script) keeps the current one.
        self.fields["submission_notices"].required = False

    def clean_submission_notices(self):
        return self.cleaned_data["submission_notices"] or self.instance.submission_notices


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


class ColleagueInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=MembershipRole.choices,
        initial=MembershipRole.EDITOR,
        help_text=_(
            "Editors work on all the organisation’s projects; admins also manage the "
            "organisation’s details and its colleagues."
        ),
    )
    language = forms.ChoiceField(label=_("Language of the e-mail"), choices=settings.LANGUAGES)

    def clean_email(self):
        return self.cleaned_data["email"].strip()


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)


class ColleagueAcceptForm(AcceptInvitationForm):
    """A colleague invited by address alone gives their name with the new password."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)

    field_order = ["first_name", "last_name", "password1", "password2"]

    def account_names(self) -> tuple[str, str]:
        data = getattr(self, "cleaned_data", {})
        return data.get("first_name", ""), data.get("last_name", "")
