from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from youthpass_site.lib.ratelimit import mail_refused


@login_required
def me(request):
    return render(request, "accounts/me.html")


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, sending no more e-mails than the limits allow."""

    def form_valid(self, form):
        if mail_refused(self.request, form, form.cleaned_data["email"]):
            return self.form_invalid(form)
        return super().form_valid(form)
