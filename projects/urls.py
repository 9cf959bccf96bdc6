from django.urls import path

from projects import views

app_name = "projects"

urlpatterns = [
    path("projects/", views.project_list, name="list"),
    path("projects/new/", views.project_create, name="create"),
    path("projects/<str:project_code>/", views.project_detail, name="detail"),
    path("projects/<str:project_code>/edit/", views.project_edit, name="edit"),
    path(
        "organisations/<str:organisation_code>/",
        views.organisation_detail,
        name="organisation",
    ),
]
