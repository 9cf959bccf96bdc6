from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from youthpass_site import views

admin.site.site_header = _("Youthpass administration")
admin.site.site_title = _("Youthpass administration")
admin.site.index_title = _("Site administration")
# The lists need the width: the home page and the breadcrumbs lead to every model.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.start, name="start"),
    path("", include("privacy.urls")),
    path("accounts/", include("projects.signup")),
    path("accounts/", include("accounts.urls")),
    path("", include("projects.urls")),
    path("", include("dashboard.urls")),
    path("", include("participants.urls")),
    path("", include("support.urls")),
    path("", include("certificates.urls")),
    path("", include("jobs.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
