from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from projects.models import Membership
from support.models import SupportPerson


def home(request):
    return render(request, "home.html")


@login_required
def start(request):
    """Where a person lands after logging in: organisers on their projects, participants
    on their Youthpass, support persons on the participants they support."""
    user = request.user
    if Membership.objects.filter(user=user).exists():
        return redirect("dashboard:projects")
    if user.participations.exists():
        return redirect("participants:mine")
    if SupportPerson.objects.of_user(user).exists():
        return redirect("support:mine")
    return redirect("home")
