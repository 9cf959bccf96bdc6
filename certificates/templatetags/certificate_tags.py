from django import template
from django.utils.translation import get_language

from certificates.forms import IssueForm

register = template.Library()


@register.inclusion_tag("certificates/_panel.html", takes_context=True)
def certificate_panel(context, participant):
    """The organiser's certificate actions and issued certificates for one participant."""
    return {
        "csrf_token": context.get("csrf_token"),
        "participant": participant,
        "certificates": participant.certificates.all(),
        "issue_form": IssueForm(initial={"language": get_language()}),
    }
