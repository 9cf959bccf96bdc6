from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_info

from certificates import snapshot as frozen
from certificates.forms import IssueForm, ReplaceForm, RevokeForm
from participants.models import ParticipantState
from projects.models import MembershipRole, not_ready_message

register = template.Library()


@register.inclusion_tag("certificates/_panel.html", takes_context=True)
def certificate_panel(context, participant):
    """The organiser's certificate actions and issued certificates for one participant."""
    can_issue = participant.state in (ParticipantState.APPROVED, ParticipantState.ISSUED)
    missing = participant.project.organisation.missing_for_issue() if can_issue else []
    not_ready = not_ready_message(missing) if missing else ""
    request = context.get("request")
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
        "not_ready": not_ready,
        # Only the organisation's admins may open its settings.
        "may_fix": bool(not_ready and request)
        and participant.project.role_of(request.user) == MembershipRole.ADMIN,
    }


@register.inclusion_tag("certificates/_preview_links.html")
def certificate_preview_links(participant, side):
    """Links to a preview of the certificate, one per language it is asked for in.

    `side` is "holder" on the participant's own pages and "editor" on the organisers'.
    """
    if side == "holder":
        url = reverse("certificates:preview_mine", args=[participant.code])
    else:
        url = reverse("certificates:preview", args=[participant.project.code, participant.code])
    languages = participant.certificate_languages
    return {
        "links": [
            (f"{url}?language={code}", get_language_info(code)["name_translated"])
            for code in languages
        ],
        "several": len(languages) > 1,
    }


LINKEDIN_ADD_CERTIFICATION = "https://www.linkedin.com/profile/add"


@register.inclusion_tag("certificates/_sharing.html")
def certificate_sharing(certificate):
    """For the holder of a valid certificate: its credential to download for a wallet, a
    link that fills in LinkedIn's "Add license or certification" form, and the same facts
    to copy by hand."""
    snapshot = certificate.snapshot
    name = f"Youthpass – {snapshot.get('project', {}).get('format_name', '')}"
    organisation = frozen.public_part(snapshot)["organisation"]["name"]
    issued = timezone.localtime(certificate.issued_at)
    query = urlencode(
        {
            "startTask": "CERTIFICATION_NAME",
            "name": name,
            "organizationName": organisation,
            "issueYear": issued.year,
            "issueMonth": issued.month,
            "certUrl": certificate.verification_url,
            "certId": certificate.certificate_id,
        }
    )
    linkedin = f"{LINKEDIN_ADD_CERTIFICATION}?{query}"
    return {
        "certificate": certificate,
        "name": name,
        "organisation": organisation,
        "issued": issued,
        "linkedin_url": linkedin,
        "credential_url": (
            reverse("certificates:download_credential", args=[certificate.certificate_id])
            if certificate.credential
            else ""
        ),
    }
