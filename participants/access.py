"""Who may open a participant record: one helper per way of reaching it (see projects.access).

The organisers reach a record through the project's organisation; the participant reaches
their own. Anyone with no relation gets 404; the other side gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from participants.models import Participant
from projects.access import is_participant_of


def participant_for_editor(request, project_code, participant_code):
    """A participant record, for members of the organisation that runs the project."""
    participant = get_object_or_404(
        Participant.objects.select_related("project__organisation", "user"),
        code=participant_code,
        project__code=project_code,
    )
    if participant.project.role_of(request.user) is None:
        if is_participant_of(participant.project, request.user):
            raise PermissionDenied
        raise Http404
    return participant


def participant_for_holder(request, participant_code):
    """The participant record of the logged-in person; organisers of the project get 403."""
    participant = get_object_or_404(
        Participant.objects.select_related("project__organisation"), code=participant_code
    )
    if participant.user_id != request.user.pk:
        if participant.project.role_of(request.user) is not None:
            raise PermissionDenied
        raise Http404
    return participant
