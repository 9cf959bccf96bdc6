"""What a certificate prints, frozen at issue.

The snapshot is plain JSON in the certificate's language: the PDF and the public
verification page are made from it alone, so later edits of the project, the
organisation or the participant never change what was issued. Dates are ISO
strings; translated names (format, programme, countries, competences) are stored
as printed, next to the keys they came from. Each app contributes its own part.
"""

from django.utils import timezone, translation

from participants.snapshot import participant_snapshot
from projects.snapshot import project_snapshot


def build_snapshot(participant, language: str) -> dict:
    with translation.override(language):
        return {
            "language": language,
            **project_snapshot(participant.project),
            **participant_snapshot(participant),
            "issue_date": timezone.localdate().isoformat(),
        }
