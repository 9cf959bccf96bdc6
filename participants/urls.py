from django.urls import path

from participants import learning_views, review_views, views

app_name = "participants"

manage = "projects/<str:project_code>/participants/<str:participant_code>/"


urlpatterns = [
    path("projects/<str:project_code>/participants/new/", views.participant_add, name="add"),
    path(manage, views.participant_manage, name="manage"),
    path(manage + "invite/", views.participant_invite, name="invite"),
    path(manage + "review/", views.participant_review, name="review"),
    path(manage + "period/", views.participant_period, name="period"),
    path(manage + "training-cycle/", views.participant_training_cycle, name="training_cycle"),
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
    # The learning plan, the journal and autosave (participants.learning_views)
    path(
        "me/<str:participant_code>/outcomes/autosave/",
        learning_views.outcomes_autosave,
        name="outcomes_autosave",
    ),
    path("me/<str:participant_code>/plan/", learning_views.plan, name="plan"),
    path("me/<str:participant_code>/plan/new/", learning_views.goal_add, name="goal_add"),
    path(
        "me/<str:participant_code>/plan/<str:goal_code>/",
        learning_views.goal_edit,
        name="goal_edit",
    ),
    path(
        "me/<str:participant_code>/plan/<str:goal_code>/autosave/",
        learning_views.goal_autosave,
        name="goal_autosave",
    ),
    path(
        "me/<str:participant_code>/plan/<str:goal_code>/state/",
        learning_views.goal_state,
        name="goal_state",
    ),
    path(
        "me/<str:participant_code>/plan/<str:goal_code>/share/",
        learning_views.goal_share,
        name="goal_share",
    ),
    path(
        "me/<str:participant_code>/plan/<str:goal_code>/delete/",
        learning_views.goal_delete,
        name="goal_delete",
    ),
    path("me/<str:participant_code>/journal/", learning_views.journal, name="journal"),
    path("me/<str:participant_code>/journal/new/", learning_views.entry_add, name="entry_add"),
    path(
        "me/<str:participant_code>/journal/<str:entry_code>/",
        learning_views.entry_edit,
        name="entry_edit",
    ),
    path(
        "me/<str:participant_code>/journal/<str:entry_code>/autosave/",
        learning_views.entry_autosave,
        name="entry_autosave",
    ),
    path(
        "me/<str:participant_code>/journal/<str:entry_code>/share/",
        learning_views.entry_share,
        name="entry_share",
    ),
    path(
        "me/<str:participant_code>/journal/<str:entry_code>/delete/",
        learning_views.entry_delete,
        name="entry_delete",
    ),
    path("journal/<str:entry_code>/photo/", learning_views.journal_photo, name="journal_photo"),
]
