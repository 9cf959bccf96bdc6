"""The Digital Credentials Consortium's verifier (npm @digitalcredentials/verifier-core,
pinned in package.json) checks what our signing code makes: a credential of an issued
certificate signed with a did:key issuer (which it resolves without a network; our did:web
documents cannot be fetched over TLS here) is valid; with one word of a result changed its
signature is invalid; once the certificate is revoked, the status list served on 127.0.0.1
says so.

The verifier runs in node (tests/certificates/verify_with_dcc.mjs), which answers only
127.0.0.1 and the Open Badges schemas shipped in tests/certificates/data/.
"""

import datetime
import json
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from certificates.credentials import keys, proof, status
from certificates.credentials.build import build_credential, new_salt
from certificates.models import StatusList

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCRIPT = HERE / "verify_with_dcc.mjs"
SCHEMAS = HERE / "data"
NODE = shutil.which("node")
VERIFIER = ROOT / "node_modules" / "@digitalcredentials" / "verifier-core" / "package.json"

pytestmark = [
    pytest.mark.skipif(NODE is None, reason="node is not installed"),
    pytest.mark.skipif(
        not VERIFIER.exists(),
        reason="node_modules has no @digitalcredentials/verifier-core (run `make install`)",
    ),
]


class StatusListServer:
    """A tiny HTTP server on 127.0.0.1 that serves the documents put in it, by path."""

    def __init__(self):
        documents = self.documents = {}

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                document = documents.get(self.path)
                if document is None:
                    self.send_error(404)
                    return
                body = json.dumps(document).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/ld+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def server():
    with StatusListServer() as running:
        yield running


class DidKeyIssuer:
    """The organisation's signing, with a did:key instead of its did:web identifier."""

    def __init__(self):
        self.private_key = Ed25519PrivateKey.generate()
        self.verification_method = keys.did_key(self.private_key.public_key())
        self.did = self.verification_method.partition("#")[0]

    def sign(self, document: dict) -> dict:
        return proof.sign(document, self.private_key, self.verification_method)


def verify_with_dcc(tmp_path, credential: dict) -> dict:
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(credential, ensure_ascii=False))
    finished = subprocess.run(  # noqa: S603 (node on a fixed script)
        [NODE, str(SCRIPT), str(path), str(SCHEMAS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    answer = json.loads(finished.stdout)
    assert answer["refused"] == [], "the verifier tried to reach the network"
    return answer


def steps(answer: dict) -> dict:
    return {step["id"]: step for step in answer["log"]}


def publish_list(server, issuer, organisation, list_path) -> None:
    """Serve the organisation's list as it stands in the database, signed by `issuer`."""
    stored = StatusList.objects.get(organisation=organisation)
    server.documents[list_path] = issuer.sign(
        status.list_credential(
            server.url + list_path,
            issuer.did,
            bytes(stored.bits),
            valid_from=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=1),
        )
    )


def test_the_dcc_verifier_accepts_ours_refuses_a_change_and_sees_a_revocation(
    tmp_path, server, world, certificate
):
    issuer = DidKeyIssuer()
    list_path = f"/organisations/{world.organisation.code}/status/revocation"
    index = certificate.status_entry.index
    credential = issuer.sign(
        build_credential(
            certificate.snapshot,
            credential_id=certificate.verification_url,
            issuer_did=issuer.did,
            issued_at=certificate.issued_at,
            email=certificate.participant.email,
            salt=new_salt(),
            status=status.entry(server.url + list_path, index),
        )
    )
    publish_list(server, issuer, world.organisation, list_path)

    valid = verify_with_dcc(tmp_path, credential)
    assert valid["errors"] == []
    checked = steps(valid)
    assert checked["valid_signature"]["valid"] is True
    assert checked["revocation_status"]["valid"] is True
    assert server.url + list_path in valid["fetched"]
    assert valid["schema"]["results"][0]["result"]["valid"] is True

    changed = json.loads(json.dumps(credential))
    (result,) = [r for r in changed["credentialSubject"]["result"] if "radio" in r["value"]]
    result["value"] = result["value"].replace("radio", "television")
    tampered = verify_with_dcc(tmp_path, changed)
    assert [error["name"] for error in tampered["errors"]] == ["invalid_signature"]

    certificate.revoke(world.admin, "Did not take part")
    publish_list(server, issuer, world.organisation, list_path)
    revoked = verify_with_dcc(tmp_path, credential)
    assert revoked["errors"] == []
    checked = steps(revoked)
    assert checked["valid_signature"]["valid"] is True
    assert checked["revocation_status"]["valid"] is False
