"""The site's URLs and a minimal view, the floor that load.py measures the pages against.

Only benchmarks/settings.py names this URLconf, so the site never serves `_floor/`.
"""

from django.http import HttpResponse
from django.urls import include, path


def floor(request):
    return HttpResponse(b"ok", content_type="text/plain")


# Last, so that resolving it walks all of the site's patterns, as the slowest page would.
urlpatterns = [
    path("", include("youthpass_site.urls")),
    path("_floor/", floor),
]
