"""Signing up: a person asks for an account and an organisation to run, by e-mail.

The confirmation link opens a page with a button; confirming creates the account and the
organisation with the person as its first admin, together or not at all.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts import emails
from accounts.forms import SignupForm
from accounts.models import SignupRequest, User
from projects.models import Organisation
from youthpass_site.lib.mail import DeliveryFailed
from youthpass_site.lib.ratelimit import mail_refused


def confirm(signup_request):
    """The new account, admin of its new organisation; None if the address was taken meanwhile."""
    with transaction.atomic():
        user = signup_request.create_account()
        if user is not None:
            Organisation.found(signup_request.organisation_name, admin=user)
    return user


def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    valid = request.method == "POST" and form.is_valid()
    if valid and not mail_refused(request, form, form.cleaned_data["email"]):
        data = form.cleaned_data
        language = get_language() or "en"
        # Both branches hash the password and send one e-mail, so that neither the page
        # nor its timing tells whether the address has an account.
        try:
            with transaction.atomic():
                if User.objects.filter(email__iexact=data["email"]).exists():
                    make_password(data["password2"])
                    emails.send_signup_for_existing_account(data["email"], language)
                else:
                    token = SignupRequest.start(
                        email=data["email"],
                        first_name=data["first_name"],
                        last_name=data["last_name"],
                        organisation_name=data["organisation_name"],
                        password=data["password2"],
                        language=language,
                    )
                    emails.send_signup_confirmation(data["email"], token, language)
        except DeliveryFailed:
            form.add_error(
                None,
                _(
                    "We could not send you the e-mail just now: the mail server did not "
                    "take it. Please try again in a few minutes."
                ),
            )
        else:
            return render(request, "registration/signup_sent.html", {"email": data["email"]})
    return render(request, "registration/signup.html", {"form": form})


def signup_confirm(request, token):
    signup_request = SignupRequest.find_usable(token)
    if signup_request is None:
        return render(request, "registration/signup_invalid.html", status=404)
    if request.method == "POST":
        user = confirm(signup_request)
        if user is None:
            messages.info(request, _("This address has an account already. Log in instead."))
            return redirect("login")
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Welcome! Your organisation %(name)s is ready. Create your first project.")
            % {"name": signup_request.organisation_name},
        )
        return redirect("projects:create")
    return render(request, "registration/signup_confirm.html", {"signup": signup_request})


# Under accounts/, beside the log-in pages, without a namespace.
urlpatterns = [
    path("signup/", signup, name="signup"),
    path("signup/<str:token>/", signup_confirm, name="signup_confirm"),
]
