import io

import pytest
from pypdf import PdfReader

from certificates.rendering import ASSET_DIR, AssetFetcher, html_to_pdf
from tests.certificates.conftest import pdf_text

FONT = ASSET_DIR / "fonts" / "NotoSans-Regular.ttf"


@pytest.fixture
def fetcher():
    return AssetFetcher()


def test_serves_a_font(fetcher):
    response = fetcher.fetch(FONT.as_uri())

    assert response.read() == FONT.read_bytes()
    assert response.content_type == "font/ttf"


def test_serves_data_uris(fetcher):
    assert fetcher.fetch("data:text/plain;base64,aGVsbG8=").read() == b"hello"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "file://localhost/etc/passwd",
        "file:///dev/zero",
        "http://127.0.0.1:8000/",
        "https://169.254.169.254/latest/meta-data/",
        "ftp://127.0.0.1/file",
        (ASSET_DIR.parent / "css" / "site.css").as_uri(),
        ASSET_DIR.as_uri() + "/../css/site.css",
        ASSET_DIR.as_uri() + "/fonts/%2e%2e/%2e%2e/css/site.css",
        ASSET_DIR.as_uri() + "/",
        ASSET_DIR.as_uri() + "/fonts/missing.ttf",
        "file://example.org" + FONT.as_uri().removeprefix("file://"),
        "fonts/NotoSans-Regular.ttf",
    ],
)
def test_refuses_everything_else(fetcher, url):
    with pytest.raises(ValueError, match="Not a certificate asset"):
        fetcher.fetch(url)


def test_refuses_a_link_that_leads_out_of_the_asset_directory(tmp_path):
    root = tmp_path / "assets"
    root.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (root / "innocent.txt").symlink_to(secret)

    with pytest.raises(ValueError):
        AssetFetcher(root).fetch((root / "innocent.txt").as_uri())


def test_hostile_html_reads_no_file_and_attaches_nothing():
    """The fetcher holds even where markup reaches the renderer unescaped."""
    pdf = html_to_pdf(
        """<html><head>
        <link rel="stylesheet" href="file:///etc/passwd">
        <link rel="attachment" href="file:///etc/passwd">
        <style>@import url(file:///etc/passwd); p { background: url(http://127.0.0.1:9/) }</style>
        </head><body>
        <p>Hostile page</p>
        <img src="file:///etc/passwd"><img src="../../../../etc/passwd">
        <object data="file:///etc/passwd"></object>
        <a rel="attachment" href="file:///etc/passwd">attachment</a>
        <svg><image href="file:///etc/passwd" width="10" height="10"/></svg>
        </body></html>"""
    )

    assert "Hostile page" in pdf_text(pdf)
    assert b"root:" not in pdf
    assert PdfReader(io.BytesIO(pdf)).attachments == {}
