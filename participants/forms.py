import datetime
from functools import partial

from django import forms
from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from participants.frameworks import PRE_DEPARTURE
from participants.models import (
    EvidenceLink,
    LearningOutcome,
    Participant,
    ParticipantRole,
    Referee,
    Review,
    ReviewComment,
    validate_contact,
    validate_web_url,
)
from participants.versioned_save import (
    LOADED_SUFFIX,
    VERSION_SUFFIX,
    add_version_fields,
    fingerprint,
    normalise_text,
    save_checked,
)
from projects.forms import DateInput


class ParticipantAddForm(forms.ModelForm):
    send_invitation = forms.BooleanField(
        label=_("Send the invitation e-mail now"), required=False, initial=True
    )

    class Meta:
        model = Participant
        fields = ["first_name", "last_name", "email", "role", "country", "language"]
        labels = {"language": _("Language of e-mails")}
        help_texts = {
            "language": _(
                "The invitation is written in this language. Once the participant has an "
                "account, e-mails follow the language they choose there."
            )
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        # The organiser's own language is the likeliest guess for the people they add.
        self.fields["language"].initial = get_language() or settings.LANGUAGE_CODE
        # Left out of a submission, they take the same values the form starts with.
        self.fields["role"].required = False
        self.fields["language"].required = False

    def clean_role(self):
        return self.cleaned_data["role"] or ParticipantRole.PARTICIPANT

    def clean_language(self):
        return self.cleaned_data["language"] or self.fields["language"].initial

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if self.project.participants.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("A participant with this e-mail address is in the project already.")
            )
        return email


class PersonalDataForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["first_name", "last_name", "date_of_birth", "place_of_birth"]
        widgets = {"date_of_birth": DateInput()}
        help_texts = {
            "first_name": _("As it should appear on your certificate."),
            "date_of_birth": _("Optional. Printed on the certificate when given."),
            "place_of_birth": _("Optional. Printed on the certificate when given."),
        }


class OutcomesForm(forms.Form):
    """One text per competence of the project's framework, in the participant's own words,
    and one per extra section of the project's format.

    Each competence's text is a row of its own with its own version; the format's sections
    share Participant.sections_version. Hidden fields carry both, and a fingerprint of each
    text as loaded, so that a save never replaces text saved since (see versioned_save).
    """

    SECTIONS_VERSION = "sections" + VERSION_SUFFIX

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.participant = participant
        self.competences = participant.framework.competences
        self.sections = participant.sections
        existing = participant.outcomes_by_key()
        for competence in self.competences:
            outcome = existing.get(competence.key)
            text = outcome.text if outcome else ""
            self.fields[competence.key] = forms.CharField(
                label=competence.name,
                required=False,
                max_length=LearningOutcome.MAX_LENGTH,
                initial=text,
                widget=self._textarea(competence.key),
            )
            add_version_fields(
                self,
                competence.key + VERSION_SUFFIX,
                outcome.version if outcome else 0,
                {competence.key: text},
                autosaved=[competence.key],
            )
        for section in self.sections:
            self.fields[section.key] = forms.CharField(
                label=section.title,
                help_text=section.help_text,
                required=False,
                max_length=Participant.SECTION_MAX_LENGTH,
                initial=getattr(participant, section.key),
                widget=self._textarea(section.key),
            )
        if self.sections:
            add_version_fields(
                self,
                self.SECTIONS_VERSION,
                participant.sections_version,
                {section.key: getattr(participant, section.key) for section in self.sections},
                autosaved=[section.key for section in self.sections],
            )

    @staticmethod
    def _textarea(key):
        # The section's heading names the text box; a label would repeat it.
        return forms.Textarea(attrs={"rows": 6, "aria-labelledby": f"heading-{key}"})

    def text_names(self) -> list[str]:
        return [item.key for item in (*self.competences, *self.sections)]

    def competence_fields(self):
        for competence in self.competences:
            yield competence, self[competence.key]

    def section_fields(self):
        for section in self.sections:
            yield section, self[section.key]

    def clean(self):
        data = super().clean()
        for name in self.text_names():
            if isinstance(data.get(name), str):
                data[name] = normalise_text(data[name])
        return data

    def save(self, names=None) -> tuple[dict[str, str], dict[str, str]]:
        """Save the texts named (all by default) that the person changed.

        Returns the texts that were saved elsewhere since the page loaded and clash with
        the person's (key -> the saved text, which stays), and the new values of the
        hidden fields.
        """
        names = set(self.text_names() if names is None else names)
        conflicts, hidden = {}, {}
        for competence in self.competences:
            key = competence.key
            if key not in names:
                continue
            saved = save_checked(
                LearningOutcome.objects.filter(participant=self.participant, competence=key),
                {"text": self.cleaned_data[key]},
                self.cleaned_data[key + VERSION_SUFFIX],
                {"text": self.cleaned_data[key + LOADED_SUFFIX] or None},
                create=partial(
                    LearningOutcome.objects.create, participant=self.participant, competence=key
                ),
            )
            if "text" in saved.conflicts:
                conflicts[key] = saved.conflicts["text"]
            hidden[key + VERSION_SUFFIX] = str(saved.version)
            hidden[key + LOADED_SUFFIX] = fingerprint(saved.values["text"])
        sections = [section.key for section in self.sections if section.key in names]
        if sections:
            saved = save_checked(
                Participant.objects.filter(pk=self.participant.pk),
                {key: self.cleaned_data[key] for key in sections},
                self.cleaned_data[self.SECTIONS_VERSION],
                {key: self.cleaned_data[key + LOADED_SUFFIX] or None for key in sections},
                version_field="sections_version",
                stamp=False,
            )
            conflicts.update(saved.conflicts)
            hidden.update(
                saved.hidden(self.SECTIONS_VERSION, {key: key + LOADED_SUFFIX for key in sections})
            )
        return conflicts, hidden


class PeriodForm(forms.Form):
    """The organisers' record of when this participant took part, if not the whole project."""

    start_date = forms.DateField(
        label=_("First day"),
        required=False,
        widget=DateInput(),
        help_text=_("Empty: the first day of the project."),
    )
    end_date = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=DateInput(),
        help_text=_("Empty: the last day of the project."),
    )

    def __init__(self, *args, participant, **kwargs):
        initial = {"start_date": participant.start_date, "end_date": participant.end_date}
        super().__init__(*args, initial=initial, **kwargs)
        self.participant = participant
        project = participant.project
        for field in self.fields.values():
            field.widget.attrs.update(
                min=project.start_date.isoformat(), max=project.end_date.isoformat()
            )

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                self.participant.check_period(data["start_date"], data["end_date"])
            except forms.ValidationError as error:
                self.add_error(None, error)
        return data

    def save(self):
        self.participant.start_date = self.cleaned_data["start_date"]
        self.participant.end_date = self.cleaned_data["end_date"]
        self.participant.save(update_fields=["start_date", "end_date"])


class TrainingCycleForm(forms.Form):
    """The organisers' record of the training and evaluation cycle that a volunteer took part
    in: a tick per event of the format's cycle, each with its date where known."""

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.participant = participant
        self.events = participant.training_events
        attended = {event.key: day for event, day in participant.training_cycle_attended()}
        first, last = participant.period
        for event in self.events:
            self.fields[event.key] = forms.BooleanField(
                label=event.name, required=False, initial=event.key in attended
            )
            date_field = forms.DateField(
                label=event.date_label,
                required=False,
                widget=DateInput(),
                initial=attended.get(event.key),
                help_text=_("Optional: the first day, where you know it."),
            )
            if event.key == PRE_DEPARTURE.key:
                date_field.widget.attrs.update(max=first.isoformat())
            else:
                date_field.widget.attrs.update(min=first.isoformat(), max=last.isoformat())
            self.fields[f"{event.key}_date"] = date_field

    def date_fields(self):
        """(tick, date) bound fields of each event, for laying them out in pairs."""
        return [(self[event.key], self[f"{event.key}_date"]) for event in self.events]

    def clean(self):
        data = super().clean()
        first, last = self.participant.period
        params = {
            "start": date_format(first, "DATE_FORMAT"),
            "end": date_format(last, "DATE_FORMAT"),
        }
        for event in self.events:
            field = f"{event.key}_date"
            day = data.get(field)
            if day is None:
                continue
            if not data.get(event.key):
                self.add_error(
                    field,
                    _("Tick “%(event)s” as well, or leave its date empty.") % {"event": event.name},
                )
            elif event.key == PRE_DEPARTURE.key and day > first:
                self.add_error(
                    field,
                    _("Choose a date before the volunteering starts, on %(start)s at the latest.")
                    % params,
                )
            elif event.key != PRE_DEPARTURE.key and not first <= day <= last:
                self.add_error(
                    field,
                    _("Choose a date within the period of participation, %(start)s to %(end)s.")
                    % params,
                )
        on_arrival, mid_term = data.get("on_arrival_date"), data.get("mid_term_date")
        if on_arrival and mid_term and mid_term < on_arrival and not self.errors:
            self.add_error(
                "mid_term_date",
                _("The mid-term evaluation comes after the on-arrival training."),
            )
        return data

    def attended(self) -> list[tuple[str, datetime.date | None]]:
        return [
            (event.key, self.cleaned_data[f"{event.key}_date"])
            for event in self.events
            if self.cleaned_data[event.key]
        ]

    def save(self):
        self.participant.record_training_cycle(self.attended())


class RowsFormSet(forms.BaseFormSet):
    """A fixed number of rows, all saved at once; a row left empty is dropped."""

    def filled(self) -> list[dict]:
        return [form.cleaned_data for form in self.forms if form.has_value()]


class WebURLField(forms.URLField):
    """Only http(s) addresses, refused with a message that says what to type instead."""

    default_validators = [validate_web_url]
    default_error_messages = {"invalid": validate_web_url.message}


class EvidenceForm(forms.Form):
    url = WebURLField(
        label=_("Web address"),
        required=False,
        max_length=EvidenceLink._meta.get_field("url").max_length,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    description = forms.CharField(
        label=_("What it shows"),
        required=False,
        max_length=EvidenceLink._meta.get_field("description").max_length,
    )

    def has_value(self):
        return bool(self.cleaned_data.get("url"))

    def clean(self):
        data = super().clean()
        if data.get("description", "").strip() and not data.get("url") and not self.errors:
            self.add_error("url", _("Add the web address that this description is about."))
        return data


class EvidenceFormSet(
    forms.formset_factory(
        EvidenceForm,
        formset=RowsFormSet,
        extra=EvidenceLink.MAX_PER_PARTICIPANT,
        max_num=EvidenceLink.MAX_PER_PARTICIPANT,
        absolute_max=EvidenceLink.MAX_PER_PARTICIPANT,
        validate_max=True,
    )
):
    default_error_messages = {
        "too_many_forms": ngettext_lazy(
            "You can add at most %(num)d link.", "You can add at most %(num)d links.", "num"
        )
    }

    def save(self, participant):
        participant.replace_evidence(
            [(row["url"], row["description"].strip()) for row in self.filled()]
        )


class RefereeForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=Referee._meta.get_field("name").max_length,
    )
    role = forms.CharField(
        label=_("Role and organisation"),
        required=False,
        max_length=Referee._meta.get_field("role").max_length,
        help_text=_("E.g. mentor, Jauniešu centrs Ģēnijs."),
    )
    contact = forms.CharField(
        label=_("E-mail or phone"),
        required=False,
        max_length=Referee._meta.get_field("contact").max_length,
        validators=[validate_contact],
    )

    def has_value(self):
        return any(self.cleaned_data.get(name) for name in self.fields)

    def clean(self):
        data = super().clean()
        # A row with a refused value was meant to name someone, too.
        if self.has_value() or self.errors:
            if not data.get("name") and "name" not in self.errors:
                self.add_error("name", _("Give the referee's name."))
            if not data.get("contact") and "contact" not in self.errors:
                self.add_error(
                    "contact", _("Give an e-mail address or a phone number to reach them.")
                )
        return data


class RefereeFormSet(
    forms.formset_factory(
        RefereeForm,
        formset=RowsFormSet,
        extra=Referee.MAX_PER_PARTICIPANT,
        max_num=Referee.MAX_PER_PARTICIPANT,
        absolute_max=Referee.MAX_PER_PARTICIPANT,
        validate_max=True,
    )
):
    default_error_messages = {
        "too_many_forms": ngettext_lazy(
            "You can name at most %(num)d referee.",
            "You can name at most %(num)d referees.",
            "num",
        )
    }

    def save(self, participant):
        participant.replace_referees(
            [(row["name"], row["role"], row["contact"]) for row in self.filled()]
        )


class DialoguePartnerForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["dialogue_partner"]
        labels = {"dialogue_partner": _("Name of your dialogue partner")}
        help_texts = {
            "dialogue_partner": _(
                "Optional. The person (e.g. your mentor or a youth worker) who talked your "
                "self-assessment through with you. Their name is printed under Part 2 with a "
                "line for their signature."
            )
        }


class CertificateLanguagesForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Languages of your certificate"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one language."),
            "invalid_choice": _("%(value)s is not one of the languages offered."),
        },
        help_text=_("You receive one certificate in each language you choose."),
    )

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, initial={"languages": participant.certificate_languages}, **kwargs)
        self.participant = participant

    def save(self):
        self.participant.requested_languages = self.cleaned_data["languages"]
        self.participant.save(update_fields=["requested_languages"])


class ReviewForm(forms.Form):
    """The organiser's decision on a submitted self-assessment, with a general comment and
    an optional comment on each section the participant filled in."""

    SECTION_PREFIX = "section_"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("return", _("Return for changes"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to approve or to return.")},
    )
    comment = forms.CharField(
        label=_("Comment for the participant"),
        required=False,
        max_length=Review._meta.get_field("comment").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "To return the self-assessment, write what to change here or beside the sections."
        ),
    )

    def __init__(self, *args, sections=(), **kwargs):
        """`sections`: (key, title) of each section the participant filled in."""
        super().__init__(*args, **kwargs)
        self.section_keys = []
        for key, title in sections:
            self.section_keys.append(key)
            self.fields[self.SECTION_PREFIX + key] = forms.CharField(
                label=_("Comment on “%(section)s”") % {"section": title},
                required=False,
                max_length=ReviewComment._meta.get_field("text").max_length,
                widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
            )

    def section_field(self, key):
        return self[self.SECTION_PREFIX + key]

    def section_comments(self) -> dict[str, str]:
        """The filled-in section comments, by section key."""
        comments = {}
        for key in self.section_keys:
            text = self.cleaned_data.get(self.SECTION_PREFIX + key, "").strip()
            if text:
                comments[key] = text
        return comments

    def clean(self):
        data = super().clean()
        data["comment"] = data.get("comment", "").strip()
        if data.get("decision") == "return" and not data["comment"] and not self.section_comments():
            raise forms.ValidationError(
                _(
                    "To return the self-assessment, write a general comment or a comment on "
                    "at least one section, so that the participant knows what to change."
                ),
                code="no_comment",
            )
        return data
