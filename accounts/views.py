from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.forms import NoticesForm
from youthpass_site.lib.ratelimit import mail_refused


@login_required
def me(request):
    """The account, and for organisers whether they get e-mails about submissions."""
    # Organisation memberships point here from the projects app; only organisers are asked.
    organiser = request.user.memberships.exists()
    # An unticked box sends nothing at all: a POST is a POST even when it is empty.
    data = request.POST if request.method == "POST" else None
    form = NoticesForm(data, instance=request.user) if organiser else None
    if form is not None and form.is_bound and form.is_valid():
        request.user.save(update_fields=["submission_notices"])
        messages.success(
            request,
            _("You get e-mails about submissions, as each project chooses.")
            if request.user.submission_notices
            else _("You get no more e-mails about submissions."),
        )
        return redirect("me")
    return render(request, "accounts/me.html", {"notices_form": form})


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, sending no more e-mails than the limits allow."""

    def form_valid(self, form):
        if mail_refused(self.request, form, form.cleaned_data["email"]):
            return self.form_invalid(form)
        return super().form_valid(form)
