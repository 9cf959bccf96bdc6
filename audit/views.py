from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from projects.access import organisation_for_admin


@login_required
def organisation_log(request, organisation_code):
    """The organisation's audit log, newest first, for its admins."""
    organisation = organisation_for_admin(request, organisation_code)
    events = organisation.audit_events.order_by("-created_at", "-pk")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request, "audit/organisation_log.html", {"organisation": organisation, "page": page}
    )
