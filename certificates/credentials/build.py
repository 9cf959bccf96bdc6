"""The OpenBadgeCredential of an issued certificate, made from its frozen snapshot.

One credential per certificate (so one per language), in the certificate's language: the
issuing organisation as an Open Badges Profile under its did:web identifier, an Achievement
"Youthpass – <format>" with one result description per competence of the framework (each
aligned to it) and per section of the format, and a subject with the holder's name, a
salted hash of their e-mail address (never the address), the period of the activity and
one result per competence or section they wrote about, their own text as a plain string.

The shape keeps what a European Digital Credentials (ELM) export would need: the
framework's competences by key and source, the holder's texts per competence, the period.
"""

import datetime
import hashlib
import secrets

from django.utils import translation
from django.utils.translation import gettext as _

from certificates.credentials.loader import OB_CONTEXT, VC_CONTEXT
from participants.frameworks import KEY_COMPETENCES_FRAMEWORK, YOUTH_WORKERS_FRAMEWORK

FRAMEWORKS = {
    framework.key: framework for framework in (KEY_COMPETENCES_FRAMEWORK, YOUTH_WORKERS_FRAMEWORK)
}

# Where each framework is published: the Council Recommendation of 22 May 2018 on key
# competences for lifelong learning (2018/C 189/01), and SALTO's page of the ETS
# competence model for youth workers.
FRAMEWORK_SOURCES = {
    KEY_COMPETENCES_FRAMEWORK.key: (
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32018H0604(01)"
    ),
    YOUTH_WORKERS_FRAMEWORK.key: (
        "https://www.salto-youth.net/rc/training-and-cooperation/trainingstrategy/"
        "competencemodels/youthworkers/"
    ),
}


def new_salt() -> str:
    return secrets.token_hex(16)


def identity_hash(email: str, salt: str) -> str:
    """OB 3.0 IdentityHash of an e-mail address: 'sha256$' and the hex SHA-256 of the
    address (lower case, as e-mail addresses are compared) followed by the salt."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode("utf-8")).hexdigest()
    return f"sha256${digest}"


def timestamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _day(iso_date: str | None) -> str | None:
    return f"{iso_date}T00:00:00Z" if iso_date else None


def issuer_profile(did: str, organisation: dict) -> dict:
    """The organisation as printed on the certificate, as an Open Badges Profile."""
    profile = {"id": did, "type": ["Profile"], "name": organisation.get("name", "")}
    if organisation.get("website"):
        profile["url"] = organisation["website"]
    address = {"type": ["Address"]}
    if organisation.get("town"):
        address["addressLocality"] = organisation["town"]
    if organisation.get("country"):
        address["addressCountry"] = organisation.get("country_name") or organisation["country"]
        address["addressCountryCode"] = organisation["country"]
    if len(address) > 1:
        profile["address"] = address
    return profile


def _criteria(snapshot: dict) -> str:
    project = snapshot.get("project", {})
    return _(
        "Youthpass is the recognition tool for learning in Erasmus+ Youth and European "
        "Solidarity Corps projects. The holder took part in the %(format)s “%(title)s”. "
        "Before and during the activity they set learning goals and reflected on their "
        "learning, with support from the organisers; at its end they described, in their "
        "own words, the competences they developed, organised by the %(framework)s. The "
        "organisation reviewed and approved that self-assessment and issued the certificate."
    ) % {
        "format": project.get("format_name", ""),
        "title": project.get("title", ""),
        "framework": snapshot.get("framework_name", ""),
    }


def build_credential(
    snapshot: dict,
    *,
    credential_id: str,
    issuer_did: str,
    issued_at: datetime.datetime,
    email: str,
    salt: str,
    status: dict | None = None,
) -> dict:
    """The unsigned OpenBadgeCredential of a certificate; `credential_id` is the public
    verification URL of the certificate, `status` its BitstringStatusListEntry."""
    language = snapshot["language"]
    project = snapshot.get("project", {})
    holder = snapshot["holder"]
    framework = FRAMEWORKS.get(snapshot.get("framework", ""), KEY_COMPETENCES_FRAMEWORK)
    source = FRAMEWORK_SOURCES[framework.key]
    name = f"Youthpass – {project.get('format_name', '')}"

    with translation.override(language):
        descriptions = []
        for competence in framework.competences:
            descriptions.append(
                {
                    "id": f"{credential_id}#competence-{competence.key}",
                    "type": ["ResultDescription"],
                    "name": str(competence.name),
                    "resultType": "Result",
                    "alignment": [
                        {
                            "type": ["Alignment"],
                            "targetName": str(competence.name),
                            "targetCode": competence.key,
                            "targetFramework": str(framework.name),
                            "targetType": "ceasn:Competency",
                            "targetUrl": source,
                        }
                    ],
                }
            )
        for section in snapshot.get("sections", []):
            descriptions.append(
                {
                    "id": f"{credential_id}#section-{section['key']}",
                    "type": ["ResultDescription"],
                    "name": section["title"],
                    "resultType": "Result",
                }
            )
        achievement = {
            "id": f"{credential_id}#achievement",
            "type": ["Achievement"],
            "achievementType": "Certificate",
            "name": name,
            "description": _(
                "Youthpass certificate of the %(format)s “%(title)s” (%(programme)s): "
                "confirmation of participation and the holder's own description of the "
                "competences they developed."
            )
            % {
                "format": project.get("format_name", ""),
                "title": project.get("title", ""),
                "programme": project.get("programme_name", ""),
            },
            "criteria": {"narrative": _criteria(snapshot)},
            "inLanguage": language,
            "resultDescription": descriptions,
        }

    results = [
        {
            "type": ["Result"],
            "resultDescription": f"{credential_id}#competence-{outcome['key']}",
            "value": outcome["text"],
        }
        for outcome in snapshot.get("outcomes", [])
    ] + [
        {
            "type": ["Result"],
            "resultDescription": f"{credential_id}#section-{section['key']}",
            "value": section["text"],
        }
        for section in snapshot.get("sections", [])
    ]
    subject = {
        "type": ["AchievementSubject"],
        "name": f"{holder['first_name']} {holder['last_name']}".strip(),
        "identifier": [
            {
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": True,
                "identityHash": identity_hash(email, salt),
                "salt": salt,
            }
        ],
        "achievement": achievement,
        "result": results,
    }
    start = _day(holder.get("start_date") or project.get("start_date"))
    end = _day(holder.get("end_date") or project.get("end_date"))
    if start:
        subject["activityStartDate"] = start
    if end:
        subject["activityEndDate"] = end

    credential = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": name,
        "description": project.get("title", ""),
        "issuer": issuer_profile(issuer_did, snapshot.get("organisation", {})),
        "validFrom": timestamp(issued_at),
        "credentialSubject": subject,
    }
    if status is not None:
        credential["credentialStatus"] = status
    return credential
