from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("organisations/<str:organisation_code>/audit/", views.organisation_log, name="log"),
]
