"""eddsa-rdfc-2022 proofs: both published test vectors reproduced to the byte, and a
document that is changed, or that holds text its contexts do not define, is refused."""

import copy
import datetime
import json
import socket
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from certificates.credentials import proof
from certificates.credentials.keys import (
    did_key,
    private_key_from_multikey,
    public_key_from_multikey,
    public_key_of_did_key,
    public_multikey,
)
from certificates.credentials.loader import document_loader

DATA = Path(__file__).parent / "data"
OB = DATA / "vectors" / "ob3-eddsa-rdfc-2022"
W3C = DATA / "vectors" / "w3c-eddsa-rdfc-2022"
EXAMPLES = {
    "https://www.w3.org/ns/credentials/examples/v2": DATA / "credentials-examples-v2.jsonld"
}


def read_json(path):
    return json.loads(path.read_text())


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_the_open_badges_vector(no_network):
    expected = read_json(OB / "expected.json")
    document = read_json(OB / "unsigned.json")
    configuration = read_json(OB / "proof-config.json")
    configuration["@context"] = document["@context"]

    assert proof.canonical_nquads(document) == (OB / "document-canon.txt").read_text()
    assert proof.canonical_nquads(configuration) == (OB / "proof-canon.txt").read_text()
    proof_hash, document_hash = proof.hashes(document, configuration)
    assert proof_hash.hex() == expected["proof_hash_hex"]
    assert document_hash.hex() == expected["document_hash_hex"]

    key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(expected["private_key_hex"])[:32])
    assert public_multikey(key.public_key()) == expected["public_key_multibase"]
    signed = proof.sign(
        document,
        key,
        configuration["verificationMethod"],
        created=datetime.datetime(2010, 1, 1, 19, 23, 24, tzinfo=datetime.UTC),
    )
    assert bytes(key.sign(proof_hash + document_hash)).hex() == expected["signature_hex"]
    assert signed["proof"]["proofValue"] == expected["proof_value"]
    assert "proof" not in document

    public = key.public_key()
    assert proof.verify(signed, lambda method: public)["created"] == "2010-01-01T19:23:24Z"


def test_the_w3c_vector(no_network):
    loader = document_loader(EXAMPLES)
    pair = read_json(W3C / "keyPair.json")
    signed = read_json(W3C / "signedDataInt.json")
    document = {key: value for key, value in signed.items() if key != "proof"}
    configuration = read_json(W3C / "proofConfigDataInt.json")

    assert proof.canonical_nquads(document, loader) == (W3C / "canonDocDataInt.txt").read_text()
    assert (
        proof.canonical_nquads(configuration, loader) == (W3C / "proofCanonDataInt.txt").read_text()
    )
    proof_hash, document_hash = proof.hashes(document, configuration, loader)
    assert proof_hash.hex() == (W3C / "proofHashDataInt.txt").read_text().strip()
    assert document_hash.hex() == (W3C / "docHashDataInt.txt").read_text().strip()
    assert (proof_hash + document_hash).hex() == (
        (W3C / "combinedHashDataInt.txt").read_text().strip()
    )

    key = private_key_from_multikey(pair["privateKeyMultibase"])
    assert public_multikey(key.public_key()) == pair["publicKeyMultibase"]
    assert did_key(key.public_key()) == configuration["verificationMethod"]
    ours = proof.sign(
        document,
        key,
        did_key(key.public_key()),
        created=datetime.datetime(2023, 2, 24, 23, 36, 38, tzinfo=datetime.UTC),
        loader=loader,
    )
    signature_hex = (W3C / "sigHexDataInt.txt").read_text().strip()
    assert key.sign(proof_hash + document_hash).hex() == signature_hex
    assert ours["proof"]["proofValue"] == (W3C / "sigBTC58DataInt.txt").read_text().strip()
    assert ours == signed

    # The published credential checks with the key its did:key names, and nothing else.
    proof.verify(signed, public_key_of_did_key, loader=loader)
    assert public_key_of_did_key("did:web:example.org#key") is None
    assert public_key_from_multikey(pair["publicKeyMultibase"]) is not None


def test_a_changed_word_fails_verification():
    key = Ed25519PrivateKey.generate()
    document = read_json(OB / "unsigned.json")
    signed = proof.sign(document, key, did_key(key.public_key()))
    proof.verify(signed, public_key_of_did_key)

    changed = copy.deepcopy(signed)
    changed["credentialSubject"]["achievement"]["name"] = "Leadership"
    with pytest.raises(proof.InvalidProof, match="the document was changed"):
        proof.verify(changed, public_key_of_did_key)

    other = Ed25519PrivateKey.generate()
    forged = proof.sign(document, other, did_key(key.public_key()))
    with pytest.raises(proof.InvalidProof, match="the document was changed"):
        proof.verify(forged, public_key_of_did_key)

    unknown = copy.deepcopy(signed)
    unknown["proof"]["verificationMethod"] = "did:web:example.org#key-1"
    with pytest.raises(proof.InvalidProof, match="unknown"):
        proof.verify(unknown, public_key_of_did_key)

    garbled = copy.deepcopy(signed)
    garbled["proof"]["proofValue"] = "z0OIl"
    with pytest.raises(proof.InvalidProof, match="base58btc"):
        proof.verify(garbled, public_key_of_did_key)


def test_a_changed_proof_option_fails_verification():
    key = Ed25519PrivateKey.generate()
    signed = proof.sign(read_json(OB / "unsigned.json"), key, did_key(key.public_key()))
    signed["proof"]["created"] = "2030-01-01T00:00:00Z"
    with pytest.raises(proof.InvalidProof):
        proof.verify(signed, public_key_of_did_key)


def test_signing_refuses_a_property_the_contexts_do_not_define():
    key = Ed25519PrivateKey.generate()
    # The VC 1.1 context has no catch-all vocabulary: a term it does not define is dropped
    # by canonicalisation, so that its text would not be signed.
    document = {
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
        "type": ["VerifiableCredential"],
        "issuer": "https://vc.example/issuers/5678",
        "issuanceDate": "2023-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School"},
    }
    with pytest.raises(proof.UnsignedContent, match="would not be signed: property 'alumniOf'"):
        proof.sign(document, key, did_key(key.public_key()))

    # A key that looks like a JSON-LD keyword is dropped under any context.
    document = read_json(OB / "unsigned.json")
    document["credentialSubject"]["@alumniOf"] = "The School"
    with pytest.raises(proof.UnsignedContent, match="would not be signed"):
        proof.sign(document, key, did_key(key.public_key()))


def test_signing_refuses_a_relative_identifier_or_type():
    key = Ed25519PrivateKey.generate()
    document = read_json(OB / "unsigned.json")
    document["credentialSubject"]["achievement"]["id"] = "teamwork"
    with pytest.raises(proof.UnsignedContent, match="identifier 'teamwork'"):
        proof.sign(document, key, did_key(key.public_key()))

    document = read_json(OB / "unsigned.json")
    document["credentialSubject"]["achievement"]["criteria"]["@type"] = "Rubric"
    with pytest.raises(proof.UnsignedContent, match="type 'Rubric'"):
        proof.sign(document, key, did_key(key.public_key()))


def test_checking_refuses_unsigned_text_added_to_a_signed_document():
    key = Ed25519PrivateKey.generate()
    document = read_json(OB / "unsigned.json")
    signed = proof.sign(document, key, did_key(key.public_key()))
    signed["credentialSubject"]["@note"] = "Top of the class"
    with pytest.raises(proof.InvalidProof, match="would not be signed"):
        proof.verify(signed, public_key_of_did_key)


def test_an_unknown_context_is_refused_without_a_connection(no_network):
    key = Ed25519PrivateKey.generate()
    document = read_json(OB / "unsigned.json")
    document["@context"].append("https://evil.example/context.jsonld")
    with pytest.raises(proof.CanonicalisationError, match="https://evil.example/context"):
        proof.sign(document, key, did_key(key.public_key()))
    # A context that only a test's own loader knows is not let in by the site's loader.
    vector = read_json(W3C / "signedDataInt.json")
    proof.verify(vector, public_key_of_did_key, loader=document_loader(EXAMPLES))
    with pytest.raises(proof.InvalidProof, match="examples/v2"):
        proof.verify(vector, public_key_of_did_key)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update({"@context": 5}),
        lambda d: d.update({"@context": [{"@vocab": 7}]}),
        lambda d: d.update({"type": {"nested": ["x"]}}),
        lambda d: d["credentialSubject"].update({"achievement": [[[["deep"]]]]}),
    ],
)
def test_a_malformed_document_is_refused_not_crashed_on(change):
    key = Ed25519PrivateKey.generate()
    signed = proof.sign(read_json(OB / "unsigned.json"), key, did_key(key.public_key()))
    change(signed)
    with pytest.raises(proof.InvalidProof):
        proof.verify(signed, public_key_of_did_key)
