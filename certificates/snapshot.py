"""What a certificate prints, frozen at issue.

The snapshot is plain JSON in the certificate's language: the PDF and the public
verification page are made from it alone, so later edits of the project, the
organisation or the participant never change what was issued. Dates are ISO
strings; translated names (format, programme, countries, competences) are stored
as printed, next to the keys they came from. Each app contributes its own part.

The shape is written down below as TypedDicts, and every reader goes through this module
(holder_name, public_part) rather than reaching into the JSON. Stored certificates keep
the keys they were issued with: a key added later is read with a default.
"""

import datetime
from typing import NotRequired, TypedDict

from django.utils import timezone, translation

from participants.snapshot import participant_snapshot
from projects.snapshot import project_snapshot
from support.snapshot import supervisor_snapshot
from youthpass_site.lib.pages import text_pages
from youthpass_site.lib.text import printable_data


class Holder(TypedDict):
    first_name: str
    last_name: str
    date_of_birth: NotRequired[str | None]
    place_of_birth: NotRequired[str]
    start_date: NotRequired[str | None]
    end_date: NotRequired[str | None]


class ProjectPart(TypedDict, total=False):
    title: str
    format: str
    format_name: str
    programme: str
    programme_name: str
    grant_number: str
    start_date: str
    end_date: str
    venue_town: str
    venue_country: str
    venue_country_name: str
    description: str


class OrganisationPart(TypedDict, total=False):
    name: str
    town: str
    country: str
    country_name: str
    address: list[str]
    website: str
    logo: str | None
    signatory_name: str
    signatory_role: str


class Signature(TypedDict):
    mode: str
    name: str
    role: str
    place: str
    signed_at: str | None


class TrainingCycleEvent(TypedDict):
    """An event of a volunteer's training and evaluation cycle, as printed in Part 1."""

    key: str
    name: str
    date: str | None


class Snapshot(TypedDict):
    """What was printed, as stored in Certificate.snapshot."""

    language: str
    project: ProjectPart
    organisation: OrganisationPart
    partners: list[dict]
    activities: list[dict]
    holder: Holder
    framework: str
    framework_name: str
    outcomes: list[dict]
    sections: list[dict]
    evidence: list[dict]
    referees: list[dict]
    dialogue_partner: str
    # Certificates issued before the cycle was recorded have no such key.
    training_cycle: NotRequired[list[TrainingCycleEvent]]
    supervisor_assessment: dict | None
    issue_date: str
    signature: NotRequired[Signature]


# The project's facts that the public verification page shows.
PUBLIC_PROJECT_KEYS = ("title", "format", "format_name", "start_date", "end_date")


class PublicSnapshot(TypedDict):
    """What is left of a snapshot once its holder's data is erased: what the public
    verification page shows, marked `erased`."""

    language: str | None
    holder: Holder
    project: ProjectPart
    organisation: OrganisationPart
    issue_date: str
    erased: bool


def holder_name(snapshot: Snapshot | PublicSnapshot) -> str:
    """The holder's name as printed."""
    holder = snapshot["holder"]
    return f"{holder['first_name']} {holder['last_name']}".strip()


def public_part(snapshot: Snapshot | PublicSnapshot) -> PublicSnapshot:
    """The part of a snapshot that anyone holding the certificate's ID may see.

    Birth data, texts, signatures and the logo are left out. The holder's name stays:
    verifying is comparing the certificate someone shows with the page. Applied to a
    public part, it returns the same.
    """
    project = snapshot.get("project", {})
    return {
        "language": snapshot.get("language"),
        "holder": {
            "first_name": snapshot["holder"]["first_name"],
            "last_name": snapshot["holder"]["last_name"],
        },
        "project": {key: project.get(key) for key in PUBLIC_PROJECT_KEYS},
        "organisation": {"name": snapshot.get("organisation", {}).get("name", "")},
        "issue_date": snapshot["issue_date"],
        "erased": True,
    }


ACTIVITY_TEXTS = ("organisations_in_charge", "aims", "activities", "results")


def text_pages_of(snapshot: Snapshot) -> float:
    """About how many pages the certificate's free texts fill: the project's description,
    the activities, the holder's outcomes and sections, and the supervisor's assessment."""
    texts = [snapshot.get("project", {}).get("description", "")]
    for activity in snapshot.get("activities", []):
        texts += [activity.get(key, "") for key in ACTIVITY_TEXTS]
    texts += [item["text"] for item in (*snapshot["outcomes"], *snapshot["sections"])]
    if assessment := snapshot.get("supervisor_assessment"):
        texts.append(assessment.get("text", ""))
    return text_pages(texts)


def signature(snapshot: Snapshot) -> Signature:
    """Who signed Part 1 and how; certificates issued before the organiser could choose
    carry the printed block."""
    signed: Signature = {"mode": "printed", "name": "", "role": "", "place": "", "signed_at": None}
    signed.update(snapshot.get("signature") or {})
    return signed


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
) -> Snapshot:
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
