"""The support persons' part of a certificate snapshot (see certificates.snapshot)."""

from support.models import SupervisorAssessment, SupportRole


def supervisor_snapshot(participant) -> dict:
    """The supervisor's assessment as printed, or None without the participant's agreement.

    Called in the certificate's language: the role is stored as printed. Agreement is
    withdrawn whenever the text changes, so an agreed assessment is always the text
    the participant read.
    """
    assessment = (
        SupervisorAssessment.objects.filter(participant=participant, consent_at__isnull=False)
        .select_related("author")
        .first()
    )
    if assessment is None:
        return {"supervisor_assessment": None}
    return {
        "supervisor_assessment": {
            "text": assessment.text,
            "author_name": assessment.written_by,
            "author_role": str(SupportRole.SUPERVISOR.label),
        }
    }
