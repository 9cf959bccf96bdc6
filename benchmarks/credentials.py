"""How long a certificate's signed credential takes, and how big it is.

    DEBUG=1 .venv/bin/python benchmarks/credentials.py [--runs N]

Issues one full certificate (8 competences of ~160 words in Latvian with Greek and
Cyrillic, as benchmarks/pdf.py does), then times, over N runs each, in one long-lived
process: building the OpenBadgeCredential from the snapshot; canonicalising it and the
proof configuration (RDFC-1.0 with pyld) and signing (Ed25519); the whole of
Certificate.sign_credential (with opening the organisation's encrypted key); and checking
the proof. Then what revocation adds: reserving a position of the organisation's status
list (an INSERT under its unique constraint) and signing with the status entry; signing
the status list itself (131,072 bits, GZIP, base64url), as done after a revocation when
it is next asked for, and serving it unchanged from its stored copy. Prints median and p90
of each, the sizes, and the goal for signing (credential + proof + PDF seal ≤ 60 ms median
on top of the render).

Then times checking an uploaded file as /verify/ does (certificates.checking.check_file):
the credential as JSON, and the certificate's PDF with the credential embedded as
credential.json; goal: ≤ 300 ms median for the PDF.

Django runs against an in-memory SQLite database and a temporary media directory, so
nothing on disk changes. Machines are noisy: compare figures from one run.
"""

import argparse
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
import zlib

from pdf import build_certificate, setup_django

GOAL_MS = 60
GOAL_CHECK_PDF_MS = 300


def timed(function, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def line(label: str, times: list[float]) -> str:
    p90 = statistics.quantiles(times, n=10)[-1]
    return f"{label:<32} median {statistics.median(times):7.1f} ms   p90 {p90:7.1f} ms"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs of each step")
    args = parser.parse_args()
    if args.runs < 2:
        parser.error("need --runs ≥ 2")

    media = tempfile.TemporaryDirectory(prefix="youthpass-bench-")
    setup_django(media.name)
    from django.core.management import call_command

    from certificates.credentials import proof, status
    from certificates.credentials.build import build_credential, new_salt
    from certificates.models import OrganisationKey, StatusList

    call_command("migrate", verbosity=0)
    certificate = build_certificate()
    organisation = certificate.participant.project.organisation
    key = OrganisationKey.current_for(organisation)
    private_key = key.private_key()
    email = certificate.participant.email

    def build():
        return build_credential(
            certificate.snapshot,
            credential_id=certificate.verification_url,
            issuer_did=key.did,
            issued_at=certificate.issued_at,
            email=email,
            salt=new_salt(),
        )

    unsigned = build()
    signed = proof.sign(unsigned, private_key, key.verification_method)
    encoded = json.dumps(signed, ensure_ascii=False).encode()
    size_kb = len(encoded) / 1000
    # What it adds to a PDF, where embedded files are stored deflated.
    deflated_kb = len(zlib.compress(encoded, 6)) / 1000
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {args.runs} runs each")
    print(
        f"credential                {size_kb:.1f} kB as JSON, {deflated_kb:.1f} kB deflated,"
        f" {len(signed['credentialSubject']['result'])} results"
    )
    print(line("build from the snapshot", timed(build, args.runs)))
    print(
        line(
            "canonicalise + sign",
            timed(lambda: proof.sign(unsigned, private_key, key.verification_method), args.runs),
        )
    )
    whole = timed(lambda: certificate.sign_credential(key, email), args.runs)
    print(line("sign_credential (all of it)", whole))
    print(
        line(
            "verify",
            timed(lambda: proof.verify(signed, OrganisationKey.public_key_for), args.runs),
        )
    )
    status_list = StatusList.for_organisation(organisation)
    print(line("reserve a status position", timed(status_list.reserve, args.runs)))
    with_status = timed(
        lambda: certificate.sign_credential(key, email, status_entry=status_list.reserve()),
        args.runs,
    )
    print(line("sign_credential with status", with_status))
    # A list of an organisation that revoked or replaced 2,000 certificates.
    revoked = random.sample(range(status_list.length), 2000)
    bits = bytearray(status_list.bits)
    for index in revoked:
        bits[index // 8] |= 0x80 >> (index % 8)
    status_list.bits = bytes(bits)
    status_list.save(update_fields=["bits"])

    def sign_list():
        status_list.version += 1
        return status_list.signed()

    signed_list = sign_list()
    list_kb = len(json.dumps(signed_list).encode()) / 1000
    print(
        f"status list               {list_kb:.1f} kB as JSON with"
        f" {len(status.set_positions(status_list.bits))} of {status_list.length} bits set"
    )
    print(line("sign the status list", timed(sign_list, args.runs)))
    StatusList.objects.get(pk=status_list.pk).signed()
    print(
        line(
            "serve it unchanged",
            timed(lambda: StatusList.objects.get(pk=status_list.pk).signed(), args.runs),
        )
    )
    verdict = "meets" if statistics.median(with_status) <= GOAL_MS else "misses"
    print(
        f"goal: credential + proof + seal ≤ {GOAL_MS} ms median on top of the render;"
        f" the credential alone {verdict} it"
    )

    from pypdf import PdfReader

    from certificates.checking import check_file

    # The PDF as issued: sealed, carrying its credential.
    with certificate.pdf.open("rb") as stored:
        pdf = stored.read()
    encoded = json.dumps(certificate.credential, ensure_ascii=False).encode()
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    for data in (encoded, pdf):
        report = check_file(data)
        assert report.trustworthy, report.checks
    print(line("check an uploaded credential", timed(lambda: check_file(encoded), args.runs)))
    checking_pdf = timed(lambda: check_file(pdf), args.runs)
    print(line(f"check the {pages}-page PDF ({len(pdf) // 1000} kB)", checking_pdf))
    verdict = "meets" if statistics.median(checking_pdf) <= GOAL_CHECK_PDF_MS else "misses"
    print(f"goal: checking an uploaded PDF ≤ {GOAL_CHECK_PDF_MS} ms median; {verdict} it")
    media.cleanup()


if __name__ == "__main__":
    main()
