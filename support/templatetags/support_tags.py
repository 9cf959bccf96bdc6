"""Support persons on pages that belong to other apps: the project and the manage page."""

from django import template
from django.db.models import Count

from participants.competences import COMPETENCE_BY_KEY
from support.models import SupervisorAssessment

register = template.Library()


@register.inclusion_tag("support/_project_card_content.html")
def project_support_card(project):
    """The project's support persons, each with how many participants they support."""
    support_persons = project.support_persons.annotate(assigned=Count("participants"))
    return {"project": project, "support_persons": support_persons}


@register.inclusion_tag("support/_manage_card_content.html")
def participant_support_card(participant):
    """Who supports the participant, and the supervisor's assessment with its consent."""
    return {
        "participant": participant,
        "project": participant.project,
        "support_persons": participant.support_persons.all(),
        "assessment": SupervisorAssessment.objects.filter(participant=participant)
        .select_related("author")
        .first(),
    }


@register.filter
def competence_name(key):
    """The name of a competence by its key; keys of no framework are shown as they are."""
    competence = COMPETENCE_BY_KEY.get(key)
    return competence.name if competence else key
