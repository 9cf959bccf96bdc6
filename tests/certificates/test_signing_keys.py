"""The organisations' signing keys: encrypted at rest with CREDENTIAL_KEY, published in
their DID documents, rotated by command, and refused by the deployment check when the
key-encryption key is missing."""

import base64
import json

import pytest
from cryptography.hazmat.primitives import serialization
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError, SystemCheckError
from django.db import connection
from django.urls import reverse

from certificates.credentials import keys, proof
from certificates.models import Certificate, OrganisationKey
from tests.certificates.test_credential import signed_credential
from tests.conftest import write_outcomes

OTHER_KEY = base64.urlsafe_b64encode(b"another-32-byte-credential-key!!").decode()


def did_url(organisation):
    return reverse("certificates:did_document", args=[organisation.code])


def raw_private(key: OrganisationKey) -> bytes:
    return key.private_key().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def test_the_private_key_is_stored_encrypted(world):
    key = OrganisationKey.current_for(world.organisation)
    raw = raw_private(key)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT encrypted_private_key FROM certificates_organisationkey WHERE id = %s",
            [key.pk],
        )
        (stored,) = cursor.fetchone()
    assert raw.hex() not in stored
    assert base64.b64encode(raw).decode() not in stored
    assert raw not in base64.b64decode(stored)
    assert keys.public_multikey(key.private_key().public_key()) == key.public_key_multibase


def test_a_stored_key_opens_only_with_its_credential_key_and_organisation(world, settings):
    key = OrganisationKey.current_for(world.organisation)
    with pytest.raises(keys.UndecryptableKey):
        keys.decrypt_private_key(key.encrypted_private_key, world.other_organisation.code)
    settings.CREDENTIAL_KEY = OTHER_KEY
    with pytest.raises(keys.UndecryptableKey):
        key.private_key()


def test_without_credential_key_nothing_is_signed_in_production(world, settings):
    settings.CREDENTIAL_KEY = ""
    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured, match="CREDENTIAL_KEY"):
        OrganisationKey.current_for(world.organisation)
    assert not OrganisationKey.objects.exists()


def test_a_development_server_derives_its_credential_key(world, approved_participant, settings):
    settings.CREDENTIAL_KEY = ""
    settings.DEBUG = True
    _certificate, credential = signed_credential(approved_participant)
    proof.verify_credential(credential, OrganisationKey.public_key_for)
    # The derived key follows SECRET_KEY: the same server opens its keys after a restart.
    key = OrganisationKey.objects.get()
    assert raw_private(key)


def test_the_deployment_check_fails_without_credential_key(settings):
    settings.DEBUG = False
    settings.CREDENTIAL_KEY = ""
    with pytest.raises(SystemCheckError, match="certificates.E003"):
        call_command("check", "--deploy", "--tag", "security")
    settings.CREDENTIAL_KEY = "too-short"
    with pytest.raises(SystemCheckError, match="URL-safe base64"):
        call_command("check", "--deploy", "--tag", "security")
    settings.CREDENTIAL_KEY = OTHER_KEY
    call_command("check", "--deploy", "--tag", "security", "--fail-level", "ERROR")


def test_the_did_document_lists_current_and_retired_keys(client, world, approved_participant):
    assert client.get(did_url(world.organisation)).status_code == 404
    first = OrganisationKey.current_for(world.organisation)
    _certificate, old_credential = signed_credential(approved_participant)

    call_command("rotate_credential_key", world.organisation.code)

    first.refresh_from_db()
    assert first.retired_at is not None
    second = OrganisationKey.current_for(world.organisation)
    assert second != first
    response = client.get(did_url(world.organisation))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/did+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    document = json.loads(response.content)
    did = f"did:web:youthpass.test:organisations:{world.organisation.code}"
    assert document["id"] == did
    assert document["verificationMethod"] == [
        {
            "id": key.verification_method,
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": key.public_key_multibase,
        }
        for key in (second, first)
    ]
    assert document["assertionMethod"] == [second.verification_method, first.verification_method]
    assert first.encrypted_private_key not in response.text

    # What the old key signed still verifies; new credentials use the new key.
    proof.verify_credential(old_credential, OrganisationKey.public_key_for)
    _certificate, new_credential = signed_credential(approved_participant)
    assert new_credential["proof"]["verificationMethod"] == second.verification_method
    proof.verify_credential(new_credential, OrganisationKey.public_key_for)


def test_rotating_an_unknown_organisation_is_refused(world):
    with pytest.raises(CommandError, match="No organisation"):
        call_command("rotate_credential_key", "nosuchcode")
    assert not OrganisationKey.objects.exists()


def test_the_signed_credential_is_public_while_the_certificate_is_valid(
    client, world, approved_participant
):
    certificate = Certificate.issue_for(approved_participant, world.admin, "en")
    url = reverse("certificates:credential", args=[certificate.certificate_id])

    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    credential = json.loads(response.content)
    assert list(credential)[0] == "@context"
    assert credential["id"] == certificate.verification_url
    proof.verify_credential(credential, OrganisationKey.public_key_for)
    # Typed loosely, as an ID read from paper.
    loose = reverse("certificates:credential", args=[certificate.certificate_id.lower()])
    assert client.get(loose).url == url

    new = certificate.replace(world.admin, "The name was misspelt.")
    assert client.get(url).status_code == 404
    new_url = reverse("certificates:credential", args=[new.certificate_id])
    assert json.loads(client.get(new_url).content)["id"] == new.verification_url

    new.revoke(world.admin, "Issued by mistake.")
    assert client.get(new_url).status_code == 404
    unknown = reverse("certificates:credential", args=["0000-0000-0000-0000"])
    assert client.get(unknown).status_code == 404
    assert client.get(reverse("certificates:credential", args=["nonsense"])).status_code == 404


def test_erasing_the_holder_removes_the_credential(client, world, approved_participant):
    certificate = Certificate.issue_for(approved_participant, world.admin, "en")
    certificate.reduce_to_public_part()
    certificate.refresh_from_db()
    assert certificate.credential is None
    url = reverse("certificates:credential", args=[certificate.certificate_id])
    assert client.get(url).status_code == 404
    assert client.get(certificate.get_absolute_url()).status_code == 200


def test_certificates_issued_before_credentials_get_one(world, approved_participant):
    certificate = Certificate.issue_for(approved_participant, world.admin, "en")
    issued = certificate.credential
    Certificate.objects.filter(pk=certificate.pk).update(credential=None)
    other = world.other_participant
    write_outcomes(other, {"digital": "I built the project's website."})
    other.submit()
    other.approve(world.admin)
    erased = Certificate.issue_for(other, world.admin, "en")
    Certificate.objects.filter(pk=erased.pk).update(credential=None)
    erased.reduce_to_public_part()
    erased.participant.erase()

    call_command("sign_credentials")

    certificate.refresh_from_db()
    credential = certificate.credential
    proof.verify_credential(credential, OrganisationKey.public_key_for)
    assert credential["validFrom"] == issued["validFrom"]
    assert credential["credentialSubject"]["result"] == issued["credentialSubject"]["result"]
    erased.refresh_from_db()
    assert erased.credential is None
    # Run again: nothing more to sign, nothing changed.
    call_command("sign_credentials")
    certificate.refresh_from_db()
    assert certificate.credential == credential
