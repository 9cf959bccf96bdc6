from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import privacy
from accounts.forms import DeleteAccountForm


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
