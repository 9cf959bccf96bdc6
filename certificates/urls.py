from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/root-certificate.crt", views.root_certificate, name="root_certificate"),
    path("verify/file/", views.verify_file, name="verify_file"),
    path("verify/<str:certificate_id>/", views.verify, name="verify"),
    path("verify/<str:certificate_id>/credential.json", views.credential, name="credential"),
    path(
        "organisations/<str:organisation_code>/did.json",
        views.did_document,
        name="did_document",
    ),
    path(
        "organisations/<str:organisation_code>/status/revocation",
        views.status_list,
        name="status_list",
    ),
    path("certificates/<str:certificate_id>/pdf/", views.download, name="download"),
    path(
        "certificates/<str:certificate_id>/credential.json",
        views.download_credential,
        name="download_credential",
    ),
    path(
        "me/<str:participant_code>/certificate-preview/",
        views.preview_for_holder,
        name="preview_mine",
    ),
    path(
        "projects/<str:project_code>/participants/<str:participant_code>/certificate-preview/",
        views.preview_for_editor,
        name="preview",
    ),
    path(
        "projects/<str:project_code>/participants/<str:participant_code>/issue/",
        views.issue,
        name="issue",
    ),
    path(
        "projects/<str:project_code>/participants/<str:participant_code>/"
        "certificates/<str:certificate_id>/revoke/",
        views.revoke,
        name="revoke",
    ),
    path(
        "projects/<str:project_code>/participants/<str:participant_code>/"
        "certificates/<str:certificate_id>/replace/",
        views.replace,
        name="replace",
    ),
]
