"""Revocation through the organisation's Bitstring Status List: each credential names a
position of the list, revoking or replacing the certificate sets the bit there in the same
transaction, and the list is served as a signed credential with short cache headers."""

import base64
import gzip
import threading

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse

from certificates.credentials import proof, status
from certificates.models import (
    Certificate,
    OrganisationKey,
    StatusList,
    StatusListEntry,
    StatusListFull,
)
from projects.models import Organisation
from tests.certificates.test_credential import schema_errors
from tests.conftest import login, write_outcomes


def approve(participant, world):
    write_outcomes(participant, {"digital": "I built the project's website."})
    participant.submit()
    participant.approve(world.admin)
    return participant


def served_list(client, world):
    response = client.get(reverse("certificates:status_list", args=[world.organisation.code]))
    assert response.status_code == 200
    return response, response.json()


def bits_of(encoded_list: str) -> bytes:
    """GZIP and multibase base64url, undone without the site's own decoder."""
    assert encoded_list.startswith("u")
    assert "=" not in encoded_list
    text = encoded_list[1:]
    return gzip.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))


def set_indexes(bits: bytes) -> set[int]:
    return {
        byte * 8 + offset
        for byte, value in enumerate(bits)
        for offset in range(8)
        if value & (0x80 >> offset)
    }


def index_of(certificate) -> int:
    entry = certificate.credential["credentialStatus"]
    return int(entry["statusListIndex"])


def test_each_credential_names_its_position_in_the_organisations_list(world, certificate):
    entry = certificate.credential["credentialStatus"]
    list_url = StatusList.objects.get(organisation=world.organisation).url
    assert entry == {
        "id": f"{list_url}#{certificate.status_entry.index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(certificate.status_entry.index),
        "statusListCredential": list_url,
    }
    assert list_url.endswith(f"/organisations/{world.organisation.code}/status/revocation")
    # The entry is signed with the rest of the credential, which the official schema accepts.
    proof.verify_credential(certificate.credential, OrganisationKey.public_key_for)
    assert schema_errors(certificate.credential) == []


def test_the_list_holds_exactly_the_revoked_and_replaced_positions(client, world, certificate):
    other = Certificate.issue_for(approve(world.other_participant, world), world.admin, "en")
    _response, before = served_list(client, world)
    assert set_indexes(bits_of(before["credentialSubject"]["encodedList"])) == set()

    certificate.revoke(world.admin, "Did not take part")
    new = other.replace(world.admin, "Name misspelt")

    _response, document = served_list(client, world)
    bits = bits_of(document["credentialSubject"]["encodedList"])
    assert len(bits) * 8 == 131_072
    assert set_indexes(bits) == {index_of(certificate), index_of(other)}
    assert index_of(new) not in set_indexes(bits)
    assert len({index_of(certificate), index_of(other), index_of(new)}) == 3


def test_the_list_is_a_signed_credential_of_the_organisation(client, world, certificate):
    _response, document = served_list(client, world)

    proof.verify_credential(document, OrganisationKey.public_key_for)
    key = OrganisationKey.current_for(world.organisation)
    assert document["issuer"] == key.did == certificate.credential["issuer"]["id"]
    assert document["id"] == certificate.credential["credentialStatus"]["statusListCredential"]
    assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert document["@context"] == ["https://www.w3.org/ns/credentials/v2"]
    subject = document["credentialSubject"]
    assert subject["type"] == "BitstringStatusList"
    assert subject["statusPurpose"] == "revocation"
    assert subject["ttl"] == 300_000
    # A changed bit no longer verifies.
    bits = status.with_bit(bits_of(subject["encodedList"]), index_of(certificate))
    forged = {**document, "credentialSubject": {**subject, "encodedList": status.encode(bits)}}
    with pytest.raises(proof.InvalidProof):
        proof.verify_credential(forged, OrganisationKey.public_key_for)


def test_cache_headers_follow_the_ttl_and_change_with_the_bits(client, world, certificate):
    response, document = served_list(client, world)
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Last-Modified"]
    etag = response["ETag"]

    # Unchanged: the same signed list, and a verifier holding it gets 304.
    again, same = served_list(client, world)
    assert same == document and again["ETag"] == etag
    url = reverse("certificates:status_list", args=[world.organisation.code])
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.head(url)["ETag"] == etag

    certificate.revoke(world.admin, "Did not take part")
    changed, revoked = served_list(client, world)
    assert changed["ETag"] != etag
    assert index_of(certificate) in set_indexes(
        bits_of(revoked["credentialSubject"]["encodedList"])
    )
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 200


def test_an_unknown_organisation_has_no_list(client, world):
    for code in ("NOSUCHORG", world.other_organisation.code):
        url = reverse("certificates:status_list", args=[code])
        assert client.get(url).status_code == 404


def test_a_failing_revocation_leaves_the_bit_unset(client, world, certificate, monkeypatch):
    def broken_log(*args, **kwargs):
        raise RuntimeError("the activity log is unavailable")

    monkeypatch.setattr("certificates.models.audit.record", broken_log)
    with pytest.raises(RuntimeError):
        certificate.revoke(world.admin, "Did not take part")

    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.VALID
    stored = StatusList.objects.get(organisation=world.organisation)
    assert not status.is_set(bytes(stored.bits), index_of(certificate))
    _response, document = served_list(client, world)
    assert set_indexes(bits_of(document["credentialSubject"]["encodedList"])) == set()


def test_a_failing_replacement_leaves_the_bit_unset_and_frees_its_position(
    world, certificate, monkeypatch
):
    def broken_log(action, **kwargs):
        if action == "certificate_replaced":
            raise RuntimeError("the activity log is unavailable")

    monkeypatch.setattr("certificates.models.audit.record", broken_log)
    with pytest.raises(RuntimeError):
        certificate.replace(world.admin, "Name misspelt")

    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.VALID
    stored = StatusList.objects.get(organisation=world.organisation)
    assert set_indexes(bytes(stored.bits)) == set()
    assert list(StatusListEntry.objects.values_list("index", flat=True)) == [index_of(certificate)]


def test_two_issues_never_share_a_position(world, monkeypatch):
    status_list = StatusList.for_organisation(world.organisation)
    # Both draw position 7 first; the unique constraint sends the second one on.
    draws = iter([7, 7, 12])
    monkeypatch.setattr("certificates.models.secrets.randbelow", lambda n: next(draws))

    first = status_list.reserve()
    second = status_list.reserve()

    assert (first.index, second.index) == (7, 12)


only_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks between connections need PostgreSQL"
)


def run_together(first_step, second_step):
    """Run `first_step` in a transaction that stays open until `second_step`, in another
    connection, has had half a second to run into it; returns both results."""
    reached, results = threading.Event(), {}

    def first():
        with transaction.atomic():
            results["first"] = first_step()
            reached.set()
            threading.Event().wait(0.5)
        connection.close()

    def second():
        reached.wait(10)
        results["second"] = second_step()
        connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    return results["first"], results["second"]


@only_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_issues_at_the_same_moment_get_different_positions(monkeypatch):
    organisation = Organisation.objects.create(name="Org", country="LV")
    status_list = StatusList.for_organisation(organisation)
    draws, lock = iter([7, 7, 12]), threading.Lock()

    def draw(n):
        with lock:
            return next(draws)

    monkeypatch.setattr("certificates.models.secrets.randbelow", draw)

    # The first holds position 7, not yet committed; the second waits for it, then moves on.
    first, second = run_together(status_list.reserve, status_list.reserve)

    assert (first.index, second.index) == (7, 12)
    assert sorted(StatusListEntry.objects.values_list("index", flat=True)) == [7, 12]


@only_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_revocations_at_the_same_moment_both_set_their_bit():
    organisation = Organisation.objects.create(name="Org", country="LV")
    status_list = StatusList.for_organisation(organisation)
    first = StatusListEntry.objects.create(status_list=status_list, index=3)
    second = StatusListEntry.objects.create(status_list=status_list, index=100_000)

    run_together(lambda: StatusList.set_bit(first), lambda: StatusList.set_bit(second))

    stored = StatusList.objects.get(pk=status_list.pk)
    assert status.set_positions(bytes(stored.bits)) == [3, 100_000]
    assert stored.version == 2


def test_a_crowded_list_finds_its_last_free_position_and_a_full_one_says_so(world):
    status_list = StatusList.objects.create(
        organisation=world.organisation, length=16, bits=status.empty(16)
    )
    StatusListEntry.objects.bulk_create(
        StatusListEntry(status_list=status_list, index=index) for index in range(16) if index != 9
    )

    assert status_list.reserve().index == 9
    with pytest.raises(StatusListFull):
        status_list.reserve()


def test_certificates_issued_before_status_lists_get_a_position(world, certificate):
    entry = certificate.status_entry
    unlisted = {k: v for k, v in certificate.credential.items() if k != "credentialStatus"}
    Certificate.objects.filter(pk=certificate.pk).update(status_entry=None, credential=unlisted)
    entry.delete()

    call_command("sign_credentials")

    certificate.refresh_from_db()
    assert certificate.status_entry is not None
    assert certificate.credential["credentialStatus"]["statusListIndex"] == str(
        certificate.status_entry.index
    )
    proof.verify_credential(certificate.credential, OrganisationKey.public_key_for)
    certificate.revoke(world.admin, "Did not take part")
    stored = StatusList.objects.get(organisation=world.organisation)
    assert set_indexes(bytes(stored.bits)) == {certificate.status_entry.index}


def test_a_rotated_key_signs_the_list_from_then_on(client, world, certificate):
    _response, before = served_list(client, world)
    new_key = OrganisationKey.rotate(world.organisation)

    _response, after = served_list(client, world)

    assert before["proof"]["verificationMethod"] != new_key.verification_method
    assert after["proof"]["verificationMethod"] == new_key.verification_method
    proof.verify_credential(after, OrganisationKey.public_key_for)


def test_the_codec_round_trips_and_refuses_a_bomb():
    bits = status.with_bit(status.with_bit(status.empty(), 0), 131_071)
    assert status.set_positions(status.decode(status.encode(bits))) == [0, 131_071]
    bomb = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(10_000_000))).decode().rstrip("=")
    with pytest.raises(status.BadStatusList):
        status.decode(bomb)
    with pytest.raises(status.BadStatusList):
        status.decode("zNotBase64url")


def test_an_organisation_whose_list_is_full_is_told_and_nothing_is_issued(
    client, world, approved_participant
):
    status_list = StatusList.objects.create(
        organisation=world.organisation, length=8, bits=status.empty(8)
    )
    StatusListEntry.objects.bulk_create(
        StatusListEntry(status_list=status_list, index=index) for index in range(8)
    )
    login(client, world.admin)

    response = client.post(
        reverse("certificates:issue", args=[world.project.code, approved_participant.code]),
        {"languages": ["en"], "signature": "printed"},
        follow=True,
    )

    content = response.content.decode()
    assert "revocation list is taken" in content
    assert "Nothing was issued." in content
    assert not Certificate.objects.exists()
