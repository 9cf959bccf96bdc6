from django.urls import path

from participants import review_views, views

app_name = "participants"

manage = "projects/<str:project_code>/participants/<str:participant_code>/"

urlpatterns = [
    path("projects/<str:project_code>/participants/new/", views.participant_add, name="add"),
    path(manage, views.participant_manage, name="manage"),
    path(manage + "invite/", views.participant_invite, name="invite"),
    path(manage + "review/", views.participant_review, name="review"),
    path(manage + "period/", views.participant_period, name="period"),
    path("me/", views.my_participations, name="mine"),
    path("me/<str:participant_code>/", views.participation_detail, name="detail"),
    path("me/<str:participant_code>/personal/", views.personal_data, name="personal"),
    path("me/<str:participant_code>/outcomes/", views.outcomes, name="outcomes"),
    path("me/<str:participant_code>/evidence/", views.evidence, name="evidence"),
    path("me/<str:participant_code>/referees/", views.referees, name="referees"),
    path(
        "me/<str:participant_code>/languages/",
        views.certificate_languages,
        name="languages",
    ),
    path("me/<str:participant_code>/submit/", views.submit, name="submit"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path(manage + "history/", review_views.manage_history, name="manage_history"),
    path("me/<str:participant_code>/history/", review_views.history, name="history"),
]
