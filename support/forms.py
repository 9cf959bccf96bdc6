from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from support.models import Feedback, SupervisorAssessment, SupportPerson
from youthpass_site.lib.collation import collated


class ParticipantsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, participant):
        return f"{participant.full_name} ({participant.email})"


class SupportPersonForm(forms.ModelForm):
    """The organisers' form for a support person: who they are and whom they support.

    The e-mail address can change only until the invitation is accepted; after that the
    person logs in with their own account.
    """

    participants = ParticipantsField(
        label=_("Assigned participants"),
        queryset=None,
        required=False,
        help_text=_("They see what these participants share with their support persons."),
    )

    class Meta:
        model = SupportPerson
        fields = ["first_name", "last_name", "email", "role", "language", "participants"]
        labels = {"language": _("Language of e-mails")}
        help_texts = {
            "language": _(
                "The invitation is written in this language. Once the person has an "
                "account, e-mails follow the language they choose there."
            ),
            "role": _(
                "A supervisor can also write a general assessment for the certificate, "
                "which is printed only if the participant agrees."
            ),
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.instance.project = project
        self.fields["participants"].queryset = project.participants.order_by(
            collated("last_name"), collated("first_name")
        )
        if self.instance.user_id:
            del self.fields["email"]
        if not self.instance.pk:
            # The organiser's own language is the likeliest guess for the people they add.
            self.fields["language"].initial = get_language() or settings.LANGUAGE_CODE
        # Left out of a submission, it keeps the value the form starts with.
        self.fields["language"].required = False

    def clean_language(self):
        return self.cleaned_data["language"] or self.initial.get(
            "language", self.fields["language"].initial
        )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        email = data.get("email", self.instance.email)
        role = data.get("role")
        if email and role:
            others = self.project.support_persons.filter(email__iexact=email, role=role)
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error(
                    "role",
                    _("%(email)s has this role in the project already.") % {"email": email},
                )
        return data

    def validate_unique(self):
        # clean() words the one unique rule for people; the model's own message names fields.
        pass

    def save(self, commit=True):
        support_person = super().save(commit=False)
        if commit:
            support_person.save()
            support_person.assign(self.cleaned_data["participants"])
        return support_person


class NewSupportPersonForm(SupportPersonForm):
    send_invitation = forms.BooleanField(
        label=_("Send the invitation e-mail now"), required=False, initial=True
    )


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["text"]
        labels = {"text": _("Your feedback")}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"text": {"required": _("Write your feedback first.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].max_length = Feedback.MAX_LENGTH
        self.fields["text"].help_text = _("Up to %(count)d characters.") % {
            "count": Feedback.MAX_LENGTH
        }


class AssessmentForm(forms.Form):
    """The supervisor's text with the version it was written from, to notice a newer one."""

    text = forms.CharField(
        label=_("General assessment"),
        max_length=SupervisorAssessment.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    # A hidden field: its message says what to do rather than what is wrong with it.
    version = forms.IntegerField(
        min_value=0,
        widget=forms.HiddenInput,
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value"),
            _("This page was incomplete. Copy your text, open the page again and paste it."),
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = _(
            "How the participant worked, what they did well and where they grew. Up to "
            "%(count)d characters."
        ) % {"count": SupervisorAssessment.MAX_LENGTH}

    def clean(self):
        data = super().clean()
        # Crispy shows no errors of hidden fields, and this one must be seen.
        if "version" in self.errors:
            self.add_error(None, self.errors["version"])
        return data


class ConsentForm(forms.Form):
    decision = forms.ChoiceField(choices=[("agree", "agree"), ("withdraw", "withdraw")])
    version = forms.IntegerField(min_value=1)
