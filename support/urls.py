from django.urls import path

from support import views

app_name = "support"

organisers = "projects/<str:project_code>/support/"
support_person = organisers + "<str:support_code>/"
participant = "support/participants/<str:participant_code>/"
mine = "me/<str:participant_code>/assessment/"

urlpatterns = [
    # Organisers
    path(organisers, views.project_support, name="project"),
    path(organisers + "new/", views.support_add, name="add"),
    path(support_person, views.support_edit, name="edit"),
    path(support_person + "invite/", views.support_invite, name="invite"),
    path(support_person + "remove/", views.support_remove, name="remove"),
    # Support persons
    path("support/", views.my_participants, name="mine"),
    path(participant, views.participant_page, name="participant"),
    path(
        participant + "goals/<str:goal_code>/feedback/",
        views.feedback_on_goal,
        name="feedback_goal",
    ),
    path(
        participant + "entries/<str:entry_code>/feedback/",
        views.feedback_on_entry,
        name="feedback_entry",
    ),
    path(
        participant + "feedback/<str:feedback_code>/",
        views.feedback_edit,
        name="feedback_edit",
    ),
    path(
        participant + "feedback/<str:feedback_code>/delete/",
        views.feedback_delete,
        name="feedback_delete",
    ),
    path(participant + "assessment/", views.assessment_write, name="assessment"),
    # Participants
    path(mine, views.my_support, name="my_support"),
    path(mine + "consent/", views.consent, name="consent"),
    path(mine + "dialogue-partner/", views.name_dialogue_partner, name="dialogue_partner"),
    path(
        mine + "self-assessment/share/",
        views.share_self_assessment,
        name="share_self_assessment",
    ),
    # Invitations
    path("support/invitations/<str:token>/", views.invitation, name="invitation"),
]
