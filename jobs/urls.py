from django.urls import path

from jobs import views

app_name = "jobs"

job = "projects/<str:project_code>/tasks/<str:job_code>/"

urlpatterns = [
    path("projects/<str:project_code>/tasks/", views.job_list, name="list"),
    path(job, views.job_detail, name="detail"),
    path(job + "status/", views.job_status, name="status"),
    path(job + "result/", views.job_result, name="result"),
    path(job + "retry/", views.job_retry, name="retry"),
]
