"""Invitations of participants and support persons alike: sending one, what the organisers
are told about it, and the page behind the e-mailed link.

Whoever is invited (a participant, a support person) has `invite(by)`, which returns the
invitation and its secret token or raises InvitationStateError, and `email`, `full_name`
and `language` (that of its e-mails); `send(invitation, token, language=...)` is the e-mail
that carries the link.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.forms import AcceptInvitationForm
from accounts.models import User
from youthpass_site.lib.invitations import InvitationStateError
from youthpass_site.lib.mail import DeliveryFailed


def invite_and_mail(invited, *, by, send, language):
    """Invite by e-mail; the invitation counts only once the mail server has taken it.

    If it does not, nothing changes and DeliveryFailed is raised; InvitationStateError
    for someone who is in already.
    """
    with transaction.atomic():
        invitation, token = invited.invite(by=by)
        send(invitation, token, language=language)


def invite_new(request, invited, *, send, language, invite):
    """Tell the organiser that a person was added, and invite them first if `invite`."""
    if not invite:
        messages.success(request, _("%(name)s was added.") % {"name": invited.full_name})
        return
    try:
        invite_and_mail(invited, by=request.user, send=send, language=language)
    except DeliveryFailed:
        messages.success(request, _("%(name)s was added.") % {"name": invited.full_name})
        report_not_sent(request, invited.email)
    else:
        messages.success(
            request,
            _("%(name)s was added and invited by e-mail to %(email)s.")
            % {"name": invited.full_name, "email": invited.email},
        )


def invite_again(request, invited, *, send, language):
    """Send a fresh invitation (older links stop working) and tell the organiser how it went."""
    try:
        invite_and_mail(invited, by=request.user, send=send, language=language)
    except InvitationStateError:
        messages.error(
            request,
            _("%(name)s has accepted the invitation already.") % {"name": invited.full_name},
        )
    except DeliveryFailed:
        report_not_sent(request, invited.email)
    else:
        messages.success(
            request,
            _("Invitation sent to %(email)s. Earlier invitation links no longer work.")
            % {"email": invited.email},
        )


def invitation_not_usable(request, model, token):
    """The page for a link that no longer works; for one that was accepted already, it
    says so and offers to log in rather than to ask for a new invitation."""
    return render(
        request,
        "participants/invitation_invalid.html",
        {"accepted": model.was_accepted(token)},
        status=404,
    )


def answer_invitation(
    request,
    invitation,
    invited,
    *,
    template,
    context,
    accepted,
    form_class=AcceptInvitationForm,
):
    """Show the invitation (GET changes nothing) and accept it on POST.

    A logged-in person accepts for their own account; someone whose address has an
    account logs in first; a new person chooses a password here (with `form_class`, an
    AcceptInvitationForm). `accepted()` gives the response once the invitation is accepted.

    The page opens in the language the invitation was written in, and the site stays in
    it, unless the reader has chosen a language on this site before.
    """
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
        return _answer(request, invitation, invited, template, context, accepted, form_class)
    language = invited.language
    with translation.override(language):
        response = _answer(request, invitation, invited, template, context, accepted, form_class)
    response["Content-Language"] = language
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def _answer(request, invitation, invited, template, context, accepted, form_class):
    account_exists = User.objects.filter(email__iexact=invited.email).exists()
    form = None
    if not request.user.is_authenticated and not account_exists:
        form = form_class(request.POST or None, invited=invited)

    if request.method == "POST":
        if request.user.is_authenticated:
            try:
                invitation.accept(request.user)
            except InvitationStateError:
                return _not_usable(request)
            return accepted()
        if account_exists:
            return redirect(f"{reverse('login')}?next={request.path}")
        if form.is_valid():
            first_name, last_name = form.account_names()
            try:
                with transaction.atomic():
                    user = User.objects.create_user(
                        email=invited.email,
                        password=form.cleaned_data["password2"],
                        first_name=first_name,
                        last_name=last_name,
                        language=get_language() or "en",
                    )
                    invitation.accept(user)
            except InvitationStateError:
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
