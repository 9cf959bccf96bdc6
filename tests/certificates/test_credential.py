"""The signed OpenBadgeCredential of each issued certificate: what it says, that it
validates against the official Open Badges 3.0 schema for every format, and that it
verifies with the organisation's published key."""

import datetime
import hashlib
import json
from pathlib import Path

import pytest
from django.utils import timezone
from jsonschema import Draft201909Validator, FormatChecker

from certificates.credentials import proof
from certificates.credentials.did import organisation_did, site_did_prefix
from certificates.models import Certificate, OrganisationKey
from certificates.snapshot import build_snapshot
from participants.frameworks import framework_for, sections_for
from projects.formats import Format
from tests.certificates.conftest import embedded_json, stored_pdf
from tests.conftest import write_outcomes

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "ob_v3p0_achievementcredential_schema.json").read_text()
)


def schema_errors(document) -> list[str]:
    validator = Draft201909Validator(SCHEMA, format_checker=FormatChecker())
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(document)
    ]


def signed_credential(participant, language="en") -> tuple[Certificate, dict]:
    """The credential of a certificate about to be issued, without rendering its PDF."""
    certificate = Certificate(
        participant=participant,
        language=language,
        snapshot=build_snapshot(participant, language),
        issued_at=timezone.now(),
    )
    key = OrganisationKey.current_for(participant.project.organisation)
    return certificate, certificate.sign_credential(key, participant.email)


@pytest.mark.parametrize("project_format", Format.values)
def test_every_format_gives_a_credential_that_the_schema_accepts(world, project_format):
    world.project.format = project_format
    world.project.save()
    participant = world.participant
    framework = framework_for(project_format)
    first, second = framework.competences[:2]
    write_outcomes(participant, {first.key: "I wrote a lot.", second.key: "I spoke a lot."})
    for section in sections_for(project_format):
        setattr(participant, section.key, f"My own {section.key}.")
    participant.save()

    certificate, credential = signed_credential(participant)

    assert schema_errors(credential) == []
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == f"Youthpass – {Format(project_format).label}"
    # One result description per competence of the framework, each aligned to it.
    competence_descriptions = [
        d for d in achievement["resultDescription"] if "#competence-" in d["id"]
    ]
    assert [d["alignment"][0]["targetCode"] for d in competence_descriptions] == [
        competence.key for competence in framework.competences
    ]
    assert [d["name"] for d in competence_descriptions] == [
        str(competence.name) for competence in framework.competences
    ]
    values = [result["value"] for result in credential["credentialSubject"]["result"]]
    expected = ["I wrote a lot.", "I spoke a lot."]
    expected += [f"My own {section.key}." for section in sections_for(project_format)]
    assert sorted(values) == sorted(expected)
    described = {d["id"] for d in achievement["resultDescription"]}
    assert all(
        result["resultDescription"] in described
        for result in credential["credentialSubject"]["result"]
    )
    # Every term is one the contexts define: nothing falls back to the catch-all vocabulary.
    assert "issuer-dependent" not in proof.canonical_nquads(
        {key: value for key, value in credential.items() if key != "proof"}
    )


def test_what_the_credential_says(world, approved_participant):
    certificate, credential = signed_credential(approved_participant)

    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["id"] == (f"https://youthpass.test/verify/{certificate.certificate_id}/")
    assert credential["validFrom"] == certificate.issued_at.astimezone(datetime.UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    issuer = credential["issuer"]
    assert issuer["id"] == f"did:web:youthpass.test:organisations:{world.organisation.code}"
    assert issuer["type"] == ["Profile"]
    assert issuer["name"] == "Jauniešu centrs Ģēnijs"
    assert issuer["address"]["addressCountryCode"] == "LV"
    assert issuer["address"]["addressCountry"] == "Latvia"
    assert "url" not in issuer

    subject = credential["credentialSubject"]
    assert subject["name"] == "Līga Kalniņa"
    assert subject["activityStartDate"] == "2026-07-01T00:00:00Z"
    assert subject["activityEndDate"] == "2026-07-10T00:00:00Z"
    (identity,) = subject["identifier"]
    assert identity["identityType"] == "emailAddress"
    assert identity["hashed"] is True
    digest = hashlib.sha256(("participant@example.org" + identity["salt"]).encode()).hexdigest()
    assert identity["identityHash"] == f"sha256${digest}"
    assert "participant@example.org" not in json.dumps(credential)
    assert "2004-05-17" not in json.dumps(credential)  # no birth data
    texts = {result["value"] for result in subject["result"]}
    assert "I edited a radio show with free software." in texts
    assert "Voices of the Baltic" in subject["achievement"]["criteria"]["narrative"]

    proof.verify_credential(credential, OrganisationKey.public_key_for)


def test_the_schema_check_finds_what_is_missing(world, approved_participant):
    _certificate, credential = signed_credential(approved_participant)
    del credential["issuer"]
    credential["credentialSubject"]["identifier"][0]["identityType"] = "shoeSize"
    errors = " ".join(schema_errors(credential))
    assert "'issuer' is a required property" in errors
    assert "credentialSubject/identifier: " in errors


def test_each_credential_has_a_salt_of_its_own(world, approved_participant):
    _certificate, first = signed_credential(approved_participant)
    _certificate, second = signed_credential(approved_participant)
    salts = [c["credentialSubject"]["identifier"][0]["salt"] for c in (first, second)]
    assert salts[0] != salts[1]


def test_a_latvian_certificate_has_a_latvian_credential(world, approved_participant):
    _certificate, credential = signed_credential(approved_participant, "lv")
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["inLanguage"] == "lv"
    names = [d["name"] for d in achievement["resultDescription"]]
    assert "Digitālā kompetence" in names
    assert schema_errors(credential) == []


def test_issuing_stores_a_signed_credential_per_language(world, approved_participant):
    english, latvian = Certificate.issue(approved_participant, world.admin, ["en", "lv"])

    for certificate in (english, latvian):
        certificate.refresh_from_db()
        assert certificate.credential["id"] == certificate.verification_url
        proof.verify_credential(certificate.credential, OrganisationKey.public_key_for)
    key = OrganisationKey.objects.get(organisation=world.organisation)
    assert english.credential["proof"]["verificationMethod"] == key.verification_method
    assert english.credential["issuer"]["id"] == key.did
    # The PDF is made from the same snapshot; its data file is still there.
    assert embedded_json(stored_pdf(english), english.certificate_id)


def test_the_first_issue_makes_the_organisations_key_once(world, approved_participant):
    assert not OrganisationKey.objects.exists()
    first = OrganisationKey.current_for(world.organisation)
    assert OrganisationKey.current_for(world.organisation) == first
    assert OrganisationKey.objects.filter(organisation=world.organisation).count() == 1


def test_a_changed_credential_fails_verification(world, approved_participant):
    _certificate, credential = signed_credential(approved_participant)
    credential["credentialSubject"]["result"][0]["value"] += " And I led the team."
    with pytest.raises(proof.InvalidProof, match="changed"):
        proof.verify_credential(credential, OrganisationKey.public_key_for)


def test_a_credential_signed_by_another_organisation_is_refused(world, approved_participant):
    _certificate, credential = signed_credential(approved_participant)
    proof.verify_credential(credential, OrganisationKey.public_key_for)
    other = OrganisationKey.current_for(world.other_organisation)
    unsigned = {key: value for key, value in credential.items() if key != "proof"}
    forged = other.sign(unsigned)
    # The proof itself holds, but the key is not the issuer's.
    proof.verify(forged, OrganisationKey.public_key_for)
    with pytest.raises(proof.InvalidProof, match="not its issuer's"):
        proof.verify_credential(forged, OrganisationKey.public_key_for)


def test_a_credential_of_another_site_is_not_ours(world, approved_participant, settings):
    _certificate, credential = signed_credential(approved_participant)
    settings.SITE_URL = "https://other.example"
    with pytest.raises(proof.InvalidProof, match="unknown"):
        proof.verify_credential(credential, OrganisationKey.public_key_for)


@pytest.mark.parametrize(
    ("site_url", "prefix"),
    [
        ("https://youthpass.example.org", "did:web:youthpass.example.org"),
        ("http://127.0.0.1:8000", "did:web:127.0.0.1%3A8000"),
        ("https://Example.org/youthpass", "did:web:example.org:youthpass"),
    ],
)
def test_did_web_identifiers(site_url, prefix):
    assert site_did_prefix(site_url) == prefix
    assert organisation_did(site_url, "abc") == f"{prefix}:organisations:abc"
