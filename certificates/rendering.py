"""The certificate PDF, made with WeasyPrint from a Django template.

The PDF is rendered from the certificate's frozen snapshot only, never from the
live records. The HTML carries text that participants wrote, so the renderer may
fetch nothing but the certificate's own assets and inline data: see AssetFetcher.
"""

import datetime
import mimetypes
import threading
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse, path2url

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


def qr_code_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(
        border=0, omitsize=True, dark="#1f3f8f", svgclass="qr", title=None
    )


def certificate_context(certificate) -> dict:
    """The template's values, from what was frozen at issue and nothing else."""
    snapshot = certificate.snapshot
    holder = snapshot["holder"]
    project = snapshot["project"]
    return {
        "certificate_id": certificate.certificate_id,
        "language": certificate.language,
        "verification_url": certificate.verification_url,
        # The QR code is made from our own URL and the random ID, never from user text.
        "qr_code": mark_safe(qr_code_svg(certificate.verification_url)),  # noqa: S308
        "holder": holder,
        "holder_name": f"{holder['first_name']} {holder['last_name']}".strip(),
        "date_of_birth": _date(holder["date_of_birth"]),
        "project": project,
        "start_date": _date(project["start_date"]),
        "end_date": _date(project["end_date"]),
        "organisation": snapshot["organisation"],
        "outcomes": snapshot["outcomes"],
        "issue_date": _date(snapshot["issue_date"]),
        # Filled in by the stylesheet's page counters, inside a translated sentence.
        "page_number": mark_safe('<span class="page-number"></span>'),  # noqa: S308
        "page_count": mark_safe('<span class="page-count"></span>'),  # noqa: S308
    }


def render_certificate_html(certificate) -> str:
    with translation.override(certificate.language):
        return render_to_string(TEMPLATE, certificate_context(certificate))


def html_to_pdf(html: str) -> bytes:
    """Any HTML to PDF/A through the restricted fetcher, with the certificate stylesheet."""
    with _render_lock:
        fetcher, font_config, stylesheet = _renderer()
        return HTML(string=html, base_url=path2url(ASSET_DIR), url_fetcher=fetcher).write_pdf(
            stylesheets=[stylesheet],
            font_config=font_config,
            presentational_hints=False,
            pdf_variant="pdf/a-3b",
        )


def render_certificate_pdf(certificate) -> bytes:
    return html_to_pdf(render_certificate_html(certificate))
