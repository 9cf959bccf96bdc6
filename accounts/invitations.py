"""Invitations of participants and support persons alike: the page behind the e-mailed
link, and what the organisers are told when the e-mail could not be sent."""

from django.contrib import messages
from django.contrib.auth import login
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.forms import AcceptInvitationForm
from accounts.models import User
from youthpass_site.lib.invitations import InvitationNotUsable


def answer_invitation(request, invitation, invited, *, template, context, accepted):
    """Show the invitation (GET changes nothing) and accept it on POST.

    A logged-in person accepts for their own account; someone whose address has an
    account logs in first; a new person chooses a password here. `accepted()` gives the
    response once the invitation is accepted.
    """
    account_exists = User.objects.filter(email__iexact=invited.email).exists()
    form = None
    if not request.user.is_authenticated and not account_exists:
        form = AcceptInvitationForm(request.POST or None, invited=invited)

    if request.method == "POST":
        if request.user.is_authenticated:
            try:
                invitation.accept(request.user)
            except InvitationNotUsable:
                return _not_usable(request)
            return accepted()
        if account_exists:
            return redirect(f"{reverse('login')}?next={request.path}")
        if form.is_valid():
            try:
                with transaction.atomic():
                    user = User.objects.create_user(
                        email=invited.email,
                        password=form.cleaned_data["password2"],
                        first_name=invited.first_name,
                        last_name=invited.last_name,
                        language=get_language() or "en",
                    )
                    invitation.accept(user)
            except InvitationNotUsable:
                return _not_usable(request)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return accepted()

    return render(
        request,
        template,
        {
            **context,
            "invitation": invitation,
            "invited": invited,
            "form": form,
            "account_exists": account_exists,
        },
    )


def _not_usable(request):
    """Another answer to the same link got in first: the link no longer works."""
    return render(request, "participants/invitation_invalid.html", status=404)


def report_not_sent(request, email):
    """Tell the organiser that the mail server did not take an invitation to `email`."""
    messages.error(
        request,
        _(
            "The invitation to %(email)s could not be sent: the mail server did not take "
            "it. Try again later."
        )
        % {"email": email},
    )
