from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

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


class IssueForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the certificate"), choices=settings.LANGUAGES)
