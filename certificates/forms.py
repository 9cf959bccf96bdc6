from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from certificates.models import SignatureMode
from youthpass_site.lib.codes import normalise_certificate_id


class VerifyForm(forms.Form):
    certificate_id = forms.CharField(
        label=_("Certificate ID"),
        # Generous for spaces and dashes, but bounded: this is a public form.
        max_length=40,
        help_text=_(
            "16 letters and digits, printed at the foot of every page, e.g. 9XXC-AVFY-M7DM-YG5F."
        ),
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}
        ),
    )

    def clean_certificate_id(self):
        certificate_id = normalise_certificate_id(self.cleaned_data["certificate_id"])
        if certificate_id is None:
            raise forms.ValidationError(
                _(
                    "This is not a certificate ID. An ID has 16 letters and digits in four "
                    "groups, like 9XXC-AVFY-M7DM-YG5F."
                )
            )
        return certificate_id


TOO_LARGE = _("The file is larger than 10 MB: no certificate file is that large.")


class VerifyFileForm(forms.Form):
    file = forms.FileField(
        label=_("Certificate file (PDF or credential)"),
        help_text=_("The certificate's PDF, or its credential file (.json). At most 10 MB."),
        error_messages={
            "required": _("Choose a file to check."),
            "empty": _("The file is empty."),
            "invalid": _("No file arrived. Choose the file again."),
        },
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.json,.jsonld,application/pdf,application/json"}
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.VERIFY_FILE_MAX_BYTES:
            raise forms.ValidationError(TOO_LARGE)
        return upload


REASON_MAX_LENGTH = 500


def _reason_field(label, required=True):
    return forms.CharField(
        label=label,
        required=required,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the records of your organisation; not shown on the public page."),
    )


class IssueForm(forms.Form):
    """Languages and signature for issuing; a reason where a valid certificate is replaced."""

    languages = forms.MultipleChoiceField(
        label=_("Languages of the certificate"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("One certificate is issued in each language, each with its own ID."),
        error_messages={"required": _("Choose at least one language.")},
    )
    signature = forms.ChoiceField(
        label=_("Signature"),
        choices=SignatureMode,
        initial=SignatureMode.PRINTED,
        widget=forms.RadioSelect,
    )
    reason = _reason_field(_("Reason for replacing"), required=False)

    def __init__(self, *args, participant, **kwargs):
        self.participant = participant
        super().__init__(*args, **kwargs)
        self.valid_languages = set(
            participant.certificates.valid().values_list("language", flat=True)
        )
        if not self.valid_languages:
            # Nothing to replace yet: the field would only puzzle the organiser.
            del self.fields["reason"]
        if not self.is_bound:
            self.initial.setdefault("languages", self.default_languages(participant))

    @staticmethod
    def default_languages(participant):
        """The languages that the participant asked for, else the organiser's own."""
        known = {code for code, _name in settings.LANGUAGES}
        wanted = [
            code
            for code in getattr(participant, "certificate_languages", None) or []
            if code in known
        ]
        current = get_language()
        return wanted or [current if current in known else settings.LANGUAGE_CODE]

    def clean(self):
        cleaned_data = super().clean()
        replaced = [
            code for code in cleaned_data.get("languages", []) if code in self.valid_languages
        ]
        if replaced and not (cleaned_data.get("reason") or "").strip():
            names = ", ".join(str(name) for code, name in settings.LANGUAGES if code in replaced)
            self.add_error(
                "reason",
                _(
                    "There is a valid certificate in %(languages)s already. Issuing again "
                    "replaces it: give the reason."
                )
                % {"languages": names},
            )
        return cleaned_data

    @property
    def replaces(self):
        """Whether the chosen languages replace valid certificates."""
        return bool(set(self.cleaned_data.get("languages", [])) & self.valid_languages)


class RevokeForm(forms.Form):
    reason = _reason_field(_("Reason for revoking"))


class ReplaceForm(forms.Form):
    reason = _reason_field(_("Reason for replacing"))


class BulkIssueForm(forms.Form):
    signature = forms.ChoiceField(
        label=_("Signature"),
        choices=SignatureMode,
        initial=SignatureMode.PRINTED,
        widget=forms.RadioSelect,
    )
