"""Who may open the support pages: one helper per object kind (see projects.access).

Organisers reach support persons through the project; a support person reaches a
participant only through an assignment; the participant reaches their own record.
Anyone with no relation gets 404, and so does a support person of the project who is
not assigned to the participant; the participant and the organisers get 403 on the
support persons' pages, and the project's support persons get 403 on the organisers'.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404

from participants.models import Participant
from projects.access import project_for_member
from support.models import SupportPerson, SupportRole

# Which of a person's roles signs their feedback, where they hold several for the same
# participant (a mentor who is also the dialogue partner, say).
ROLE_ORDER = Case(
    *(
        When(role=role, then=Value(position))
        for position, role in enumerate(
            (
                SupportRole.SUPERVISOR,
                SupportRole.MENTOR,
                SupportRole.COACH,
                SupportRole.DIALOGUE_PARTNER,
            )
        )
    ),
    output_field=IntegerField(),
)


def project_for_organiser(request, project_code):
    """The project, for its organisers; its support persons get 403 instead of 404."""
    try:
        return project_for_member(request, project_code)
    except Http404:
        if SupportPerson.objects.of_user(request.user).filter(project__code=project_code).exists():
            raise PermissionDenied from None
        raise


def support_person_for_organiser(request, project_code, support_code):
    project = project_for_organiser(request, project_code)
    support_person = get_object_or_404(project.support_persons, code=support_code)
    support_person.project = project
    return support_person


@dataclass
class Supporting:
    """A participant as one of their support persons sees them."""

    participant: Participant
    roles: list[SupportPerson]

    @property
    def author(self) -> SupportPerson:
        """The role that signs feedback."""
        return self.roles[0]

    @property
    def supervisor(self) -> SupportPerson | None:
        return next((role for role in self.roles if role.is_supervisor), None)


def participant_for_support(request, participant_code) -> Supporting:
    """A participant, for the support persons assigned to them (with an account)."""
    participant = get_object_or_404(
        Participant.objects.select_related("project__organisation", "user"),
        code=participant_code,
    )
    roles = list(
        SupportPerson.objects.of_user(request.user)
        .filter(participants=participant)
        .select_related("project")
        .order_by(ROLE_ORDER)
    )
    if not roles:
        if participant.user_id == request.user.pk or participant.project.role_of(request.user):
            raise PermissionDenied
        raise Http404
    return Supporting(participant, roles)


def participant_for_supervisor(request, participant_code) -> Supporting:
    """A participant, for the supervisors assigned to them; their other supporters get 403."""
    supporting = participant_for_support(request, participant_code)
    if supporting.supervisor is None:
        raise PermissionDenied
    return supporting
