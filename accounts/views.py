from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import emails, privacy
from accounts.forms import DeleteAccountForm, SignupForm
from accounts.models import SignupRequest, User
from youthpass_site.lib.mail import DeliveryFailed
from youthpass_site.lib.ratelimit import mail_refused


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
        user = signup_request.confirm()
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


@login_required
def me(request):
    return render(request, "accounts/me.html")


@login_required
@require_POST
def my_data(request):
    """The person's data as a ZIP; a POST button, so that no link prefetcher builds it."""
    response = HttpResponse(privacy.export_zip(request.user), content_type="application/zip")
    filename = f"youthpass-data-{timezone.localdate().isoformat()}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def delete_account(request):
    orphaned = list(privacy.orphaned_organisations(request.user))
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and not orphaned:
        if form.is_valid():
            try:
                privacy.delete_account(request.user)
            except privacy.LastAdmin as refusal:
                orphaned = refusal.organisations
            else:
                logout(request)
                messages.success(request, _("Your account and your data have been deleted."))
                return redirect("home")
        else:
            messages.error(request, _("Your account was not deleted: the password was wrong."))
    context = {"form": form, "orphaned": orphaned}
    return render(request, "accounts/delete.html", context)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, sending no more e-mails than the limits allow."""

    def form_valid(self, form):
        if mail_refused(self.request, form, form.cleaned_data["email"]):
            return self.form_invalid(form)
        return super().form_valid(form)
