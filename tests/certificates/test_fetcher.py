import io
import re

import pytest
from pypdf import PdfReader
from weasyprint.urls import path2url

from certificates.rendering import ASSET_DIR, AssetFetcher, html_to_pdf
from tests.certificates.conftest import pdf_text, stored_pdf

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


def logo_stroke() -> bytes:
    """The PDF operator that strokes the logo's tick, in the colour logo.svg gives it."""
    svg = (ASSET_DIR / "logo.svg").read_text()
    red, green, blue = bytes.fromhex(re.search(r'stroke="#([0-9a-f]{6})"', svg).group(1))
    return f"{red / 255:.6f} {green / 255:g} {blue / 255:.6f} RG".encode()


def first_page_drawing(pdf: bytes) -> bytes:
    return PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data()


def font_names(pdf: bytes) -> set[str]:
    fonts = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    return fonts


def test_the_logo_is_drawn_on_the_certificate(certificate):
    """logo.svg is named relative to the assets: without the base URL it would vanish."""
    assert logo_stroke() == b"0.886275 0 0.478431 RG"
    assert logo_stroke() in first_page_drawing(stored_pdf(certificate))


def test_the_logo_is_drawn_wherever_html_names_it_relatively():
    with_logo = html_to_pdf('<p><img src="logo.svg" alt="">Youthpass</p>')
    without = html_to_pdf("<p>Youthpass</p>")

    assert logo_stroke() in first_page_drawing(with_logo)
    assert logo_stroke() not in first_page_drawing(without)


def test_the_certificate_fonts_come_from_the_assets(certificate):
    """The stylesheet names its fonts relative to itself; they are embedded, not replaced."""
    names = font_names(stored_pdf(certificate))
    assert names
    assert all(name.split("+")[-1].startswith("Certificate") for name in names), names


def test_serves_an_asset_named_with_localhost(fetcher):
    url = "file://localhost" + FONT.as_uri().removeprefix("file://")

    response = fetcher.fetch(url)

    assert response.read() == FONT.read_bytes()
    assert response.url == path2url(FONT)


def test_serves_data_uris_in_any_case(fetcher):
    assert fetcher.fetch("DATA:text/plain;base64,aGVsbG8=").read() == b"hello"


def test_a_file_of_unknown_kind_is_served_as_bytes(tmp_path):
    (tmp_path / "blob").write_bytes(b"\x00\x01")

    response = AssetFetcher(tmp_path).fetch((tmp_path / "blob").as_uri())

    assert response.read() == b"\x00\x01"
    assert response.content_type == "application/octet-stream"


def test_the_default_root_is_the_asset_directory(fetcher):
    assert fetcher.root == ASSET_DIR
    assert fetcher.path_for(FONT.as_uri()) == FONT
    assert fetcher.path_for("http://[::1") is None
