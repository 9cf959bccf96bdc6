from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class PasswordPairForm(forms.Form):
    """Choosing a new password, typed twice, checked by the site's password rules."""

    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def user_for_validation(self):
        return None

    def clean_password2(self):
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            raise forms.ValidationError(_("The two passwords differ."))
        return password2

    def _post_clean(self):
        super()._post_clean()
        password = self.cleaned_data.get("password2")
        if password:
            try:
                password_validation.validate_password(password, self.user_for_validation())
            except forms.ValidationError as error:
                self.add_error("password2", error)


class SignupForm(PasswordPairForm):
    """An organiser's account; the organisation it names is created with it."""

    organisation_name = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        help_text=_("The organisation that runs your projects and issues certificates."),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    field_order = ["organisation_name", "first_name", "last_name", "email"]

    def clean_email(self):
        # Whether the address has an account is told only to its owner, by e-mail.
        return self.cleaned_data["email"].strip().lower()

    def user_for_validation(self):
        return User(
            email=self.cleaned_data.get("email", ""),
            first_name=self.cleaned_data.get("first_name", ""),
            last_name=self.cleaned_data.get("last_name", ""),
        )


class AcceptInvitationForm(PasswordPairForm):
    """A new person accepting an invitation chooses the password of their new account.

    `invited` is the participant or support person record the invitation was sent for.
    """

    def __init__(self, *args, invited, **kwargs):
        super().__init__(*args, **kwargs)
        self.invited = invited

    def account_names(self) -> tuple[str, str]:
        """The first and last name the new account gets."""
        return self.invited.first_name, self.invited.last_name

    def user_for_validation(self):
        first_name, last_name = self.account_names()
        return User(email=self.invited.email, first_name=first_name, last_name=last_name)


class NoticesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["submission_notices"]
        labels = {"submission_notices": _("E-mail me when participants submit for review")}
