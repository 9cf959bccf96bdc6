from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import PasswordPairForm
from accounts.models import User
from participants.competences import KEY_COMPETENCES
from participants.models import LearningOutcome, Participant
from projects.forms import DateInput


class ParticipantAddForm(forms.ModelForm):
    send_invitation = forms.BooleanField(
        label=_("Send the invitation e-mail now"), required=False, initial=True
    )

    class Meta:
        model = Participant
        fields = ["first_name", "last_name", "email"]

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project

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
    """One text per key competence, in the participant's own words."""

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.participant = participant
        existing = participant.outcomes_by_key()
        for competence in KEY_COMPETENCES:
            outcome = existing.get(competence.key)
            self.fields[competence.key] = forms.CharField(
                label=competence.name,
                required=False,
                max_length=LearningOutcome.MAX_LENGTH,
                initial=outcome.text if outcome else "",
                widget=forms.Textarea(attrs={"rows": 6}),
            )

    def competence_fields(self):
        for competence in KEY_COMPETENCES:
            yield competence, self[competence.key]

    def save(self):
        existing = self.participant.outcomes_by_key()
        for competence in KEY_COMPETENCES:
            text = self.cleaned_data[competence.key].strip()
            outcome = existing.get(competence.key)
            if outcome is None:
                if text:
                    LearningOutcome.objects.create(
                        participant=self.participant, competence=competence.key, text=text
                    )
            elif outcome.text != text:
                outcome.text = text
                outcome.save(update_fields=["text", "updated_at"])


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("return", _("Return for changes"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment for the participant"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you return the self-assessment: say what to change."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not data.get("comment", "").strip():
            self.add_error("comment", _("Tell the participant what to change."))
        return data


class AcceptInvitationForm(PasswordPairForm):
    """A new person accepting an invitation chooses the password of their new account."""

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.participant = participant

    def user_for_validation(self):
        return User(
            email=self.participant.email,
            first_name=self.participant.first_name,
            last_name=self.participant.last_name,
        )
