from django.urls import path

from dashboard import import_views, issue_views, mail_views, views

app_name = "dashboard"

project = "projects/<str:project_code>/"
participant_list = project + "participants/"

urlpatterns = [
    path("projects/", views.project_list, name="projects"),
    path(project, views.project_dashboard, name="project"),
    path(project + "email/", mail_views.bulk_email, name="bulk_email"),
    path(project + "certificates/issue/", issue_views.issue_all, name="issue_all"),
    path(project + "certificates/zip/", issue_views.certificates_zip, name="zip"),
    # Participant lists as spreadsheets. Included before the participants' URLs, whose
    # participant code would otherwise take "import".
    path(participant_list + "import/", import_views.import_upload, name="import"),
    path(
        participant_list + "import/template.csv",
        import_views.import_template,
        {"kind": "csv"},
        name="import_template_csv",
    ),
    path(
        participant_list + "import/template.xlsx",
        import_views.import_template,
        {"kind": "xlsx"},
        name="import_template_xlsx",
    ),
    path(
        participant_list + "import/<str:import_code>/",
        import_views.import_preview,
        name="import_preview",
    ),
    path(
        participant_list + "import/<str:import_code>/encoding/",
        import_views.import_encoding,
        name="import_encoding",
    ),
    path(
        participant_list + "export.csv",
        import_views.participant_export,
        {"kind": "csv"},
        name="export_csv",
    ),
    path(
        participant_list + "export.xlsx",
        import_views.participant_export,
        {"kind": "xlsx"},
        name="export_xlsx",
    ),
]
