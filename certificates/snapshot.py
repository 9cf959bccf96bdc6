"""What a certificate prints, frozen at issue.

The snapshot is plain JSON in the certificate's language: the PDF and the public
verification page are made from it alone, so later edits of the project, the
organisation or the participant never change what was issued. Dates are ISO
strings; translated names (format, programme, countries, competences) are stored
as printed, next to the keys they came from. Each app contributes its own part.
"""

import datetime

from django.utils import timezone, translation

from participants.snapshot import participant_snapshot
from projects.snapshot import project_snapshot
from support.snapshot import supervisor_snapshot
from youthpass_site.lib.text import printable_data


def signature_snapshot(organisation: dict, mode: str, by, now: datetime.datetime) -> dict:
    """Who signs Part 1, and how, as the organiser chose at issue.

    A printed block names the organisation's signatory, who signs the paper by hand;
    an electronic signature names the organiser who pressed the button, at that minute.
    """
    from certificates.models import SignatureMode

    signed_at = timezone.localtime(now).isoformat(timespec="minutes")
    if mode == SignatureMode.ELECTRONIC:
        name = (by.get_full_name() if by else "") or organisation["name"]
        return {"mode": mode, "name": name, "role": "", "place": "", "signed_at": signed_at}
    return {
        "mode": SignatureMode.PRINTED.value,
        "name": organisation.get("signatory_name", ""),
        "role": organisation.get("signatory_role", ""),
        "place": organisation.get("town", ""),
        "signed_at": signed_at,
    }


def build_snapshot(
    participant,
    language: str,
    *,
    signature: str = "printed",
    by=None,
    now: datetime.datetime | None = None,
) -> dict:
    now = now or timezone.now()
    with translation.override(language):
        snapshot = {
            "language": language,
            **project_snapshot(participant.project),
            **participant_snapshot(participant),
            **supervisor_snapshot(participant),
            "issue_date": timezone.localdate(now).isoformat(),
        }
    snapshot["signature"] = signature_snapshot(snapshot["organisation"], signature, by, now)
    return printable_data(snapshot)
