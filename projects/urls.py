from django.urls import path

from projects import views

app_name = "projects"

urlpatterns = [
    path("projects/new/", views.project_create, name="create"),
    path("projects/<str:project_code>/edit/", views.project_edit, name="edit"),
    path(
        "projects/<str:project_code>/partners/new/",
        views.partner_add,
        name="partner_add",
    ),
    path(
        "projects/<str:project_code>/partners/<str:partner_code>/edit/",
        views.partner_edit,
        name="partner_edit",
    ),
    path(
        "projects/<str:project_code>/partners/<str:partner_code>/remove/",
        views.partner_remove,
        name="partner_remove",
    ),
    path(
        "projects/<str:project_code>/activities/new/",
        views.activity_add,
        name="activity_add",
    ),
    path(
        "projects/<str:project_code>/activities/<str:activity_code>/edit/",
        views.activity_edit,
        name="activity_edit",
    ),
    path(
        "projects/<str:project_code>/activities/<str:activity_code>/delete/",
        views.activity_delete,
        name="activity_delete",
    ),
    path(
        "organisations/<str:organisation_code>/",
        views.organisation_detail,
        name="organisation",
    ),
    path(
        "organisations/<str:organisation_code>/logo/",
        views.organisation_logo,
        name="organisation_logo",
    ),
    path(
        "organisations/<str:organisation_code>/colleagues/",
        views.colleagues,
        name="colleagues",
    ),
    path(
        "organisations/<str:organisation_code>/colleagues/invite/",
        views.colleague_invite,
        name="colleague_invite",
    ),
    path(
        "organisations/<str:organisation_code>/colleagues/<str:membership_code>/role/",
        views.colleague_role,
        name="colleague_role",
    ),
    path(
        "organisations/<str:organisation_code>/colleagues/<str:membership_code>/remove/",
        views.colleague_remove,
        name="colleague_remove",
    ),
    path(
        "organisations/<str:organisation_code>/invitations/<str:invitation_code>/cancel/",
        views.colleague_invitation_cancel,
        name="colleague_invitation_cancel",
    ),
    path(
        "organisations/<str:organisation_code>/invitations/<str:invitation_code>/resend/",
        views.colleague_invitation_resend,
        name="colleague_invitation_resend",
    ),
    path(
        "colleagues/invitations/<str:token>/",
        views.colleague_invitation,
        name="colleague_invitation",
    ),
    path(
        "organisations/<str:organisation_code>/audit/",
        views.organisation_log,
        name="organisation_log",
    ),
]
