"""The certificate PDF, made with WeasyPrint from a Django template.

The PDF is rendered from the certificate's frozen snapshot only, never from the
live records. The HTML carries text that participants wrote, so the renderer may
fetch nothing but the certificate's own assets and inline data: see AssetFetcher.
"""

import datetime
import gc
import io
import json
import mimetypes
import threading
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import pydyf
import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from weasyprint import CSS, HTML, Attachment
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse, path2url

from certificates import snapshot as frozen

ASSET_DIR = Path(settings.BASE_DIR, "static", "certificates").resolve()
TEMPLATE = "certificates/pdf/certificate.html"
STYLESHEET = "certificate.css"

# WeasyPrint lays out one document at a time per FontConfiguration; a threaded
# server must not interleave two renders on the shared one.
_render_lock = threading.Lock()


class AssetFetcher(URLFetcher):
    """Serves files inside ASSET_DIR and data: URIs, and refuses everything else.

    This is the security boundary of the renderer: whatever ends up in the HTML,
    it can neither read another local file (nor embed one as an attachment) nor
    make a network request. Refusing raises ValueError, which makes WeasyPrint
    skip the resource and carry on.
    """

    def __init__(self, root: Path = ASSET_DIR):
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.root = root.resolve()

    def path_for(self, url: str) -> Path | None:
        """The asset file that `url` names, or None when it names anything else."""
        try:
            parts = urlsplit(url)
        except ValueError:
            return None
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(url2pathname(parts.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            return None
        return path

    def fetch(self, url, headers=None):
        if url[:5].lower() == "data:":
            return super().fetch(url, headers)
        path = self.path_for(url)
        if path is None:
            raise ValueError(f"Not a certificate asset: {url[:200]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path2url(path), body=path.read_bytes(), headers={"Content-Type": content_type}
        )


@cache
def _renderer():
    """One font configuration and one parsed stylesheet per process.

    Reusing them keeps memory flat over many renders and saves parsing the CSS and
    loading the fonts each time. A changed stylesheet needs a process restart.
    """
    fetcher = AssetFetcher()
    font_config = FontConfiguration()
    stylesheet = CSS(
        filename=ASSET_DIR / STYLESHEET,
        base_url=path2url(ASSET_DIR),
        url_fetcher=fetcher,
        font_config=font_config,
    )
    return fetcher, font_config, stylesheet


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _datetime(value):
    return datetime.datetime.fromisoformat(value) if value else None


def _signature(snapshot) -> dict:
    signature = dict(frozen.signature(snapshot))
    signature["signed_at"] = _datetime(signature["signed_at"])
    return signature


def qr_code_svg(url: str, title: str | None = None) -> str:
    """The QR code as inline SVG; its title is the alternative text a screen reader reads."""
    return segno.make(url, error="m").svg_inline(
        border=0, omitsize=True, dark="#1f3f8f", svgclass="qr", title=title
    )


def snapshot_context(snapshot: frozen.Snapshot) -> dict:
    """The values that a snapshot prints, made for the template."""
    holder = snapshot["holder"]
    project = snapshot["project"]
    return {
        # Every app's part of the snapshot, under its own keys, for its own template part;
        # the values below are made from them for printing.
        **snapshot,
        "holder": holder,
        "holder_name": frozen.holder_name(snapshot),
        "date_of_birth": _date(holder["date_of_birth"]),
        "project": project,
        "start_date": _date(project["start_date"]),
        "end_date": _date(project["end_date"]),
        "organisation": snapshot["organisation"],
        "outcomes": snapshot["outcomes"],
        "issue_date": _date(snapshot["issue_date"]),
        "signature": _signature(snapshot),
        # Filled in by the stylesheet's page counters, inside a translated sentence.
        "page_number": mark_safe('<span class="page-number"></span>'),  # noqa: S308
        "page_count": mark_safe('<span class="page-count"></span>'),  # noqa: S308
    }


def certificate_context(certificate) -> dict:
    """The template's values, from what was frozen at issue and nothing else."""
    return {
        **snapshot_context(certificate.snapshot),
        "certificate_id": certificate.certificate_id,
        "language": certificate.language,
        "verification_url": certificate.verification_url,
        # The QR code is made from our own URL and the random ID, never from user text.
        # The QR code is made from our own URL and the random ID, never from user text.
        "qr_code": mark_safe(  # noqa: S308
            qr_code_svg(
                certificate.verification_url,
                gettext("QR code: the address where this certificate is verified"),
            )
        ),
    }


def render_certificate_html(certificate) -> str:
    with translation.override(certificate.language):
        return render_to_string(TEMPLATE, certificate_context(certificate))


def render_preview_html(snapshot: frozen.Snapshot) -> str:
    """The certificate as it would print today, marked as a preview on every page.

    It has no ID, no verification address and no QR code: nothing in it can be
    mistaken for, or checked as, an issued certificate.
    """
    with translation.override(snapshot["language"]):
        return render_to_string(TEMPLATE, {**snapshot_context(snapshot), "preview": True})


def _without_data_uris(value):
    # An organisation's logo is inlined as a data: URI of many kilobytes; the embedded
    # data is for machines reading the facts, and the logo is on the page already.
    if isinstance(value, dict):
        return {
            key: _without_data_uris(item)
            for key, item in value.items()
            if not (isinstance(item, str) and item[:5].lower() == "data:")
        }
    if isinstance(value, list):
        return [_without_data_uris(item) for item in value]
    return value


def certificate_data(certificate) -> dict:
    """What the PDF carries as an embedded JSON file, for programs that read certificates."""
    return {
        "certificate_id": certificate.certificate_id,
        "language": certificate.language,
        "issued_at": certificate.issued_at.isoformat(),
        "verification_url": certificate.verification_url,
        "snapshot": _without_data_uris(certificate.snapshot),
    }


def _attachment(certificate, data: bytes, name: str, description: str) -> Attachment:
    # The file's dates are those of the issue, so that the PDF says nothing about when
    # it happened to be rendered.
    issued_at = certificate.issued_at.astimezone(datetime.UTC).replace(tzinfo=None)
    return Attachment(
        file_obj=io.BytesIO(data),
        name=name,
        description=description,
        created=issued_at,
        modified=issued_at,
        # PDF/A-3's word for a file with the data that the pages present.
        relationship="Data",
        url_fetcher=_renderer()[0],
    )


def data_attachment(certificate) -> Attachment:
    data = json.dumps(certificate_data(certificate), ensure_ascii=False, indent=1).encode()
    return _attachment(
        certificate,
        data,
        f"youthpass-{certificate.certificate_id}.json",
        "Youthpass certificate data",
    )


def credential_attachment(certificate) -> Attachment:
    """The signed Open Badges credential, as a wallet or verifier takes it."""
    data = json.dumps(certificate.credential, ensure_ascii=False, indent=1).encode()
    return _attachment(
        certificate,
        data,
        "credential.json",
        "Open Badges 3.0 credential of this certificate, signed by its issuer",
    )


def attachments(certificate) -> list[Attachment]:
    files = [data_attachment(certificate)]
    if certificate.credential:
        files.append(credential_attachment(certificate))
    return files


def _list_each_attachment_once(pdf):
    # WeasyPrint 70's PDF/A-3 step adds every attachment to the catalogue's /AF twice:
    # once from the embedded-files tree and once from its file specification.
    if "AF" in pdf.catalog:
        pdf.catalog["AF"] = pydyf.Array(dict.fromkeys(pdf.catalog["AF"]))


def _without_interpolation(pdf):
    # WeasyPrint asks viewers to smooth every image drawn with `image-rendering: auto`
    # (an HTML image, a background, an image inside an SVG); PDF/A forbids it.
    for item in pdf.objects:
        if isinstance(item, pydyf.Stream) and item.extra.get("Subtype") == "/Image":
            item.extra.pop("Interpolate", None)
            mask = item.extra.get("SMask")
            if isinstance(mask, pydyf.Stream):
                mask.extra.pop("Interpolate", None)


def _finish(document, pdf):
    _list_each_attachment_once(pdf)
    _without_interpolation(pdf)


def _html(html: str) -> HTML:
    return HTML(string=html, base_url=path2url(ASSET_DIR), url_fetcher=_renderer()[0])


def _options() -> dict:
    _fetcher, font_config, stylesheet = _renderer()
    return {
        "stylesheets": [stylesheet],
        "font_config": font_config,
        "presentational_hints": False,
        # PDF/A-3 "accessible": tagged, so that a screen reader follows the headings,
        # the tables and the images' alternative texts in the document's language.
        "pdf_variant": "pdf/a-3a",
    }


def html_to_pdf(html: str, attachments: list[Attachment] | None = None) -> bytes:
    """Any HTML to tagged PDF/A-3a through the restricted fetcher, with the certificate stylesheet.

    Attachments come only from the caller: links in the HTML that ask for one are
    fetched through the restricted fetcher like everything else.
    """
    with _render_lock:
        pdf = _html(html).write_pdf(**_options(), attachments=attachments, finisher=_finish)
        # A render leaves thousands of layout boxes in reference cycles (each points to
        # its parent). Collected while they are young, for ~1 % of a render's time, they
        # never reach the oldest generation, where they would pile up and grow a
        # long-lived worker by ~20 MB before a full collection frees them.
        gc.collect(1)
        return pdf


def html_to_layout(html: str):
    """The laid-out pages, as html_to_pdf makes them, for checking where things fall."""
    with _render_lock:
        return _html(html).render(**_options())


def render_preview_pdf(snapshot: frozen.Snapshot) -> bytes:
    return html_to_pdf(render_preview_html(snapshot))


def render_certificate_pdf(certificate) -> bytes:
    return html_to_pdf(render_certificate_html(certificate), attachments=attachments(certificate))
