"""Checking an uploaded certificate file on /verify/: a credential (JSON) or a PDF that
carries one, answered with a checklist in plain words."""

import copy
import io
import json
import socket
import zlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils.generic import pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    StreamObject,
    TextStringObject,
)

from certificates.checking import SEAL_ANSWERS
from certificates.credentials import proof
from certificates.credentials.did import organisation_did
from certificates.credentials.keys import did_key
from certificates.models import Certificate, OrganisationKey
from certificates.rendering import render_certificate_pdf
from certificates.sealing import SealCheck
from tests.certificates.conftest import stored_pdf

URL = reverse("certificates:verify_file")


def upload(client, content: bytes, name="certificate.json", address="203.0.113.9", **extra):
    return client.post(
        URL, {"file": SimpleUploadedFile(name, content)}, REMOTE_ADDR=address, **extra
    )


def checklist(response) -> list[tuple[str, str]]:
    """(status, message) of each item of the checklist on the page."""
    return [(check.status, check.message) for check in response.context["report"].checks]


def as_bytes(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode()


def pdf_with(pdf: bytes, files: dict[str, bytes]) -> bytes:
    """The PDF with these files embedded beside what it carries already."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for name, content in files.items():
        writer.add_attachment(name, content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_page_offers_a_file_upload_that_works_without_javascript(client, db):
    page = client.get(reverse("certificates:verify_form")).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'type="file"' in page
    assert "Check the file" in page
    assert "js/verify-file.js" in page


def test_an_issued_credential_passes_every_check(client, certificate):
    response = upload(client, as_bytes(certificate.credential))

    assert response.status_code == 200
    page = response.content.decode()
    assert "You can rely on this file." in page
    items = checklist(response)
    assert [status for status, _message in items] == ["ok"] * 4
    messages = " ".join(message for _status, message in items)
    assert "digital signature is valid" in messages
    assert f"Issued by {certificate.participant.project.organisation.name}" in messages
    assert f"Certificate {certificate.certificate_id} is valid" in messages
    assert "exactly what was issued" in messages
    # Icons and words, not colour alone.
    assert "✓" in page and "Passed:" in page
    assert certificate.get_absolute_url() in page


def test_one_changed_letter_in_a_competence_text_is_named(client, certificate):
    changed = copy.deepcopy(certificate.credential)
    result = next(
        r
        for r in changed["credentialSubject"]["result"]
        if "#competence-digital" in r["resultDescription"]
    )
    result["value"] = result["value"].replace("radio", "radar")

    response = upload(client, as_bytes(changed))

    page = response.content.decode()
    assert "Do not rely on this file." in page
    assert "✗" in page and "Failed:" in page
    items = {message: status for status, message in checklist(response)}
    signature = next(m for m in items if "digital signature" in m)
    assert items[signature] == "failed"
    assert "changed after it was signed" in signature
    content = next(m for m in items if "content differs" in m)
    assert "the text for Digital competence differs" in content
    assert "Multilingual" not in content


def test_a_changed_byte_anywhere_fails(client, certificate):
    data = as_bytes(certificate.credential).replace(b'"validFrom": "20', b'"validFrom": "19')

    response = upload(client, data)

    statuses = [status for status, _m in checklist(response)]
    assert "failed" in statuses
    assert "the date of issue differs" in response.content.decode()


def test_a_credential_signed_with_a_foreign_key_names_the_issuer_as_unproven(client, certificate):
    unsigned = {k: v for k, v in certificate.credential.items() if k != "proof"}
    organisation = certificate.participant.project.organisation
    forged = proof.sign(
        unsigned,
        Ed25519PrivateKey.generate(),
        f"{organisation_did('https://youthpass.test', organisation.code)}#zForeign",
    )

    response = upload(client, as_bytes(forged))

    assert response.status_code == 200
    text = " ".join(message for _s, message in checklist(response))
    assert "Do not rely on this file." in response.content.decode()
    assert "does not belong to the organisation it names" in text
    assert f"names {organisation.name} as its issuer, but it was not signed" in text


def test_a_credential_signed_with_did_key_is_not_one_of_ours(client, certificate):
    unsigned = {k: v for k, v in certificate.credential.items() if k != "proof"}
    key = Ed25519PrivateKey.generate()
    method = did_key(key.public_key())
    unsigned["issuer"] = {**unsigned["issuer"], "id": method.partition("#")[0]}
    signed = proof.sign(unsigned, key, method)

    response = upload(client, as_bytes(signed))

    (item,) = checklist(response)
    assert item[0] == "failed"
    assert "was not issued through this site (youthpass.test)" in item[1]


def test_a_credential_from_another_site_is_refused_by_name(client, certificate):
    other = json.loads(
        as_bytes(certificate.credential).decode().replace("youthpass.test", "youthpass.example.org")
    )

    response = upload(client, as_bytes(other))

    (item,) = checklist(response)
    assert item == (
        "failed",
        "This credential was not issued through this site (youthpass.test) but names "
        "youthpass.example.org. Only credentials issued here can be checked here.",
    )


def test_a_credential_signed_with_a_retired_key_still_passes(client, certificate):
    OrganisationKey.rotate(certificate.participant.project.organisation)

    response = upload(client, as_bytes(certificate.credential))

    assert [status for status, _m in checklist(response)] == ["ok"] * 4


def test_a_revoked_certificate_says_so_with_its_date_and_the_reason_only_to_its_holder(
    client, world, certificate
):
    certificate.revoke(world.admin, "Did not take part.")

    response = upload(client, as_bytes(certificate.credential))

    status = next(m for s, m in checklist(response) if "revoked" in m)
    assert f"Certificate {certificate.certificate_id} was revoked on" in status
    assert "Did not take part." not in response.content.decode()
    client.force_login(world.participant_user)
    response = upload(client, as_bytes(certificate.credential))
    assert "Reason: Did not take part." in response.content.decode()


def test_a_replaced_certificate_names_its_replacement(client, world, certificate):
    new = certificate.replace(world.admin, "Name misspelt.")

    response = upload(client, as_bytes(certificate.credential))

    page = response.content.decode()
    assert "Do not rely on this file." in page
    assert "replaced on" in page
    assert f"by the corrected certificate {new.certificate_id}" in page


def test_an_erased_holders_credential_cannot_be_compared(client, certificate):
    credential = certificate.credential
    certificate.reduce_to_public_part()

    response = upload(client, as_bytes(credential))

    items = checklist(response)
    assert items[-1][0] == "not_applicable"
    assert "no longer keeps the content" in items[-1][1]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "neither a PDF nor a credential"),
        (b'{"hello": "world"}', "not a Youthpass credential"),
        (b"[1, 2, 3]", "not a Youthpass credential"),
        (b"%PDF-1.7\nnot really", "damaged or not a PDF"),
        (b"[" * 100_000, "neither a PDF nor a credential"),
    ],
)
def test_files_that_are_no_credential_get_a_clear_red_answer(client, db, content, expected):
    response = upload(client, content)

    assert response.status_code == 200
    assert "Do not rely on this file." in response.content.decode()
    assert expected in " ".join(message for _s, message in checklist(response))


def test_an_empty_file_is_refused_on_the_form(client, db):
    response = upload(client, b"")

    assert response.status_code == 400
    assert "The file is empty." in response.content.decode()


def test_no_file_is_asked_for_again(client, db):
    response = client.post(URL, {})

    assert response.status_code == 400
    assert "Choose a file to check." in response.content.decode()


def test_a_file_over_10_mb_is_refused_before_it_is_read(client, db):
    response = upload(client, b"{" + b" " * (10 * 1024 * 1024) + b"}")

    assert response.status_code == 413
    assert "larger than 10 MB" in response.content.decode()


def test_the_upload_handler_stops_at_10_mb_whatever_the_length_says(client, db, settings):
    # A declared length within the limit, and more data than that.
    settings.VERIFY_FILE_MAX_BYTES = 1000

    response = upload(client, b"x" * 5000)

    assert response.status_code == 413
    assert "larger than 10 MB" in response.content.decode()


def test_a_client_checking_many_files_is_stopped(client, certificate, settings):
    settings.VERIFY_FILE_LIMIT_PER_CLIENT = 3
    data = as_bytes(certificate.credential)
    for _ in range(3):
        assert upload(client, data).status_code == 200

    response = upload(client, data)

    assert response.status_code == 429
    assert "Please try again in an hour." in response.content.decode()
    assert upload(client, data, address="198.51.100.7").status_code == 200


def test_an_issued_pdf_passes_with_its_seal_and_credential(client, certificate):
    response = upload(client, stored_pdf(certificate), name="certificate.pdf")

    items = checklist(response)
    assert items[0] == (
        "ok",
        "The PDF's seal is valid and covers the whole file: not a byte was changed after it "
        "was issued.",
    )
    assert items[1] == ("ok", "The PDF carries a Youthpass credential.")
    assert [status for status, _m in items] == ["ok"] * 6
    assert "You can rely on this file." in response.content.decode()


def test_a_pdf_whose_credential_was_changed_fails(client, certificate):
    changed = as_bytes(certificate.credential).replace(b"radio show", b"radio shop")
    pdf = pdf_with(stored_pdf(certificate), {"credential.json": changed})

    response = upload(client, pdf, name="certificate.pdf")

    text = " ".join(message for _s, message in checklist(response))
    assert "changed after it was signed" in text
    assert "the text for Digital competence differs" in text


def test_a_pdf_without_a_credential_says_so_and_names_its_certificate(client, certificate):
    # As issued before certificates carried a credential and a seal.
    certificate.credential = {}
    response = upload(client, render_certificate_pdf(certificate), name="certificate.pdf")

    seal, item = checklist(response)
    assert seal[0] == "failed"
    assert seal[1].startswith("The PDF carries no seal")
    assert item[0] == "failed"
    assert item[1].startswith(
        "This PDF carries no Youthpass credential: it was issued before certificates "
        "carried one, or it is not a Youthpass certificate."
    )
    assert f"It names certificate {certificate.certificate_id}" in item[1]
    assert certificate.get_absolute_url() in response.content.decode()


def test_a_pdf_that_is_no_certificate_says_so(client, db):
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    out = io.BytesIO()
    writer.write(out)

    response = upload(client, out.getvalue(), name="other.pdf")

    seal, item = checklist(response)
    assert seal == ("failed", SEAL_ANSWERS[SealCheck.NONE][1])
    assert item[0] == "failed"
    assert "carries no Youthpass credential" in item[1]


def test_a_pdf_changed_after_issue_fails_its_seal(client, certificate):
    pdf = bytearray(stored_pdf(certificate))
    # A byte of the comment on the file's second line: the file still opens.
    pdf[10] = pdf[10] ^ 1

    response = upload(client, bytes(pdf), name="certificate.pdf")

    assert checklist(response)[0] == ("failed", SEAL_ANSWERS[SealCheck.CHANGED][1])
    assert "You can rely on this file." not in response.content.decode()


def test_a_pdf_added_to_after_issue_fails_its_seal(client, certificate):
    sealed = stored_pdf(certificate)
    # An incremental update appended after the seal, as an editing program writes one.
    writer = IncrementalPdfFileWriter(io.BytesIO(sealed))
    writer.root["/Lang"] = pdf_string("en")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)

    response = upload(client, out.getvalue(), name="certificate.pdf")

    assert checklist(response)[0] == ("failed", SEAL_ANSWERS[SealCheck.ADDED_TO][1])


def _bomb_pdf() -> bytes:
    """A small PDF whose embedded credential.json unpacks to 200 MB of spaces."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    bomb = StreamObject()
    packer = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    packed = b"".join(packer.compress(chunk) for _ in range(200)) + packer.flush()
    bomb._data = packed
    bomb[NameObject("/Filter")] = NameObject("/FlateDecode")
    bomb[NameObject("/Type")] = NameObject("/EmbeddedFile")
    spec = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Filespec"),
            NameObject("/F"): TextStringObject("credential.json"),
            NameObject("/EF"): DictionaryObject({NameObject("/F"): writer._add_object(bomb)}),
        }
    )
    names = DictionaryObject(
        {
            NameObject("/EmbeddedFiles"): DictionaryObject(
                {
                    NameObject("/Names"): ArrayObject(
                        [TextStringObject("credential.json"), writer._add_object(spec)]
                    )
                }
            )
        }
    )
    writer._root_object[NameObject("/Names")] = names
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_bomb_is_refused_while_it_unpacks(client, db):
    pdf = _bomb_pdf()
    assert len(pdf) < 1024 * 1024

    response = upload(client, pdf, name="bomb.pdf")

    assert response.status_code == 200
    (item,) = checklist(response)
    assert item == (
        "failed",
        "A file embedded in this PDF unpacks to far more than a certificate holds.",
    )


def test_a_pdf_with_too_many_pages_is_refused(client, db):
    writer = PdfWriter()
    for _ in range(101):
        writer.add_blank_page(10, 10)
    out = io.BytesIO()
    writer.write(out)

    response = upload(client, out.getvalue(), name="long.pdf")

    assert checklist(response) == [
        ("failed", "This PDF has far more pages than a Youthpass certificate.")
    ]


def test_a_pdf_declaring_too_many_objects_is_refused(client, db):
    writer = PdfWriter()
    writer.add_blank_page(10, 10)
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    trailer = data.rindex(b"/Size")
    end = data.index(b"/", trailer + 1)
    data = data[:trailer] + b"/Size 999999 " + data[end:]

    response = upload(client, data, name="big.pdf")

    assert checklist(response)[0][0] == "failed"


def test_the_credential_for_a_wallet_is_a_download_for_the_holder(client, world, certificate):
    client.force_login(world.participant_user)

    response = client.get(
        reverse("certificates:download_credential", args=[certificate.certificate_id])
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="youthpass-{certificate.certificate_id}-en.json"'
    )
    assert json.loads(response.content) == certificate.credential


def test_a_revoked_certificate_has_no_credential_to_download(client, world, certificate):
    certificate.revoke(world.admin, "Did not take part.")
    client.force_login(world.participant_user)

    response = client.get(
        reverse("certificates:download_credential", args=[certificate.certificate_id])
    )

    assert response.status_code == 404


def test_a_credential_id_that_is_no_verification_address_is_refused(client, certificate):
    changed = copy.deepcopy(certificate.credential)
    changed["id"] = changed["id"] + "extra/"

    response = upload(client, as_bytes(changed))

    assert "was not issued through this site" in checklist(response)[0][1]
    assert Certificate.objects.count() == 1


def test_a_changed_credential_does_not_blame_the_key(client, certificate):
    changed = as_bytes(certificate.credential).replace(b"radio show", b"radio shop")

    response = upload(client, changed)

    issuer = checklist(response)[1]
    assert issuer[0] == "failed"
    assert "was signed with one of its keys, but as the signature does not match" in issuer[1]


@pytest.mark.parametrize(
    "mangle",
    [
        lambda c: c.update(proof="z123"),
        lambda c: c.update(proof={"verificationMethod": 5}),
        lambda c: c.update(issuer=["x"]),
        lambda c: c.update(credentialSubject="someone"),
        lambda c: c["credentialSubject"].update(result="text"),
        lambda c: c["credentialSubject"].update(achievement=[1]),
        lambda c: c.update({"@context": 5}),
    ],
)
def test_oddly_shaped_credentials_fail_without_an_error(client, certificate, mangle):
    changed = copy.deepcopy(certificate.credential)
    mangle(changed)

    response = upload(client, as_bytes(changed))

    assert response.status_code == 200
    assert "Do not rely on this file." in response.content.decode()


def test_a_credential_naming_a_remote_context_fails_without_opening_a_connection(
    client, certificate, monkeypatch
):
    def refuse(*args, **kwargs):
        raise AssertionError("a network connection was opened")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    changed = copy.deepcopy(certificate.credential)
    changed["@context"] = [*changed["@context"], "https://attacker.example/context.json"]

    response = upload(client, as_bytes(changed))

    signature = checklist(response)[0]
    assert signature[0] == "failed"
    assert "Do not rely on this file." in response.content.decode()


def test_an_issuer_of_another_host_is_refused_even_with_our_certificate_id(client, certificate):
    changed = copy.deepcopy(certificate.credential)
    changed["issuer"]["id"] = changed["issuer"]["id"].replace("youthpass.test", "evil.example")

    response = upload(client, as_bytes(changed))

    (item,) = checklist(response)
    assert item[0] == "failed"
    assert "but names evil.example" in item[1]


def test_the_not_found_page_offers_the_file_upload_too(client, db):
    response = client.get(reverse("certificates:verify", args=["AAAA-BBBB-CCCC-DDDD"]))

    assert response.status_code == 404
    assert 'type="file"' in response.content.decode()


def test_the_result_address_opened_again_leads_back_to_the_form(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:verify_form")


def test_a_credential_without_its_proof_says_it_carries_no_signature(client, certificate):
    unsigned = {k: v for k, v in certificate.credential.items() if k != "proof"}

    response = upload(client, as_bytes(unsigned))

    assert checklist(response)[0] == ("failed", "The credential carries no digital signature.")


def test_a_key_of_another_of_our_organisations_is_not_the_issuers(client, world, certificate):
    unsigned = {k: v for k, v in certificate.credential.items() if k != "proof"}
    other = OrganisationKey.current_for(world.other_organisation)
    signed = other.sign(unsigned)

    response = upload(client, as_bytes(signed))

    text = " ".join(message for _s, message in checklist(response))
    assert "does not belong to the organisation it names" in text
    assert "but it was not signed with any key of that organisation" in text
