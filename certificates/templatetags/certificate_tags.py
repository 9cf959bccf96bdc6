from django import template

from certificates.forms import IssueForm, ReplaceForm, RevokeForm
from participants.models import ParticipantState

register = template.Library()


@register.inclusion_tag("certificates/_panel.html", takes_context=True)
def certificate_panel(context, participant):
    """The organiser's certificate actions and issued certificates for one participant."""
    can_issue = participant.state in (ParticipantState.APPROVED, ParticipantState.ISSUED)
    certificates = []
    for certificate in participant.certificates.select_related("replaced_by"):
        # One pair of forms per certificate: their own element ids keep the labels apart.
        prefix = f"certificate-{certificate.certificate_id}-%s"
        actions = (None, None)
        if certificate.is_valid:
            actions = (
                RevokeForm(auto_id="revoke-" + prefix),
                ReplaceForm(auto_id="replace-" + prefix) if can_issue else None,
            )
        certificates.append((certificate, *actions))
    return {
        "csrf_token": context.get("csrf_token"),
        "participant": participant,
        "certificates": certificates,
        "issue_form": IssueForm(participant=participant) if can_issue else None,
    }
