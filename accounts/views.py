from django.contrib import messages
from django.contrib.auth import login
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.forms import SignupForm
from accounts.models import User
from projects.models import Membership, Organisation, Role


def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            user = User.objects.create_user(
                email=data["email"],
                password=data["password2"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                language=get_language() or "en",
            )
            organisation = Organisation.objects.create(name=data["organisation_name"])
            Membership.objects.create(organisation=organisation, user=user, role=Role.ADMIN)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Welcome! Your organisation %(name)s is ready. Create your first project.")
            % {"name": organisation.name},
        )
        return redirect("projects:create")
    return render(request, "registration/signup.html", {"form": form})
