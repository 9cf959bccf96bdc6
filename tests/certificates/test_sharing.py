"""What a holder does with a valid certificate besides the PDF: the signed credential for
a wallet, LinkedIn's "Add license or certification" form filled in, and the facts to copy."""

import html
import re
from urllib.parse import parse_qs, urlsplit

from django.urls import reverse


def holder_page(client, world) -> str:
    client.force_login(world.participant_user)
    response = client.get(reverse("participants:detail", args=[world.participant.code]))
    assert response.status_code == 200
    return response.content.decode()


def linkedin_link(page: str) -> str:
    (href,) = re.findall(r'href="(https://www\.linkedin\.com/profile/add\?[^"]+)"', page)
    return html.unescape(href)


def test_the_holder_finds_the_credential_linkedin_and_the_facts_to_copy(client, world, certificate):
    page = holder_page(client, world)

    credential_url = reverse("certificates:download_credential", args=[certificate.certificate_id])
    assert f'href="{credential_url}"' in page
    assert "Download the credential (.json)" in page
    assert "Add to LinkedIn" in page
    query = parse_qs(urlsplit(linkedin_link(page)).query)
    issued = certificate.issued_at
    assert query == {
        "startTask": ["CERTIFICATION_NAME"],
        "name": ["Youthpass – Youth Exchange"],
        "organizationName": [world.organisation.name],
        "issueYear": [str(issued.year)],
        "issueMonth": [str(issued.month)],
        "certUrl": [f"https://youthpass.test/verify/{certificate.certificate_id}/"],
        "certId": [certificate.certificate_id],
    }
    # The same facts as read-only text to select, each with a copy button for JavaScript.
    for value in (
        "Youthpass – Youth Exchange",
        html.escape(world.organisation.name),
        certificate.certificate_id,
        f"https://youthpass.test/verify/{certificate.certificate_id}/",
    ):
        assert f'value="{value}" readonly' in page
    assert page.count('data-copy="copy-') == 5


def test_the_credential_link_downloads_what_was_signed(client, world, certificate):
    page = holder_page(client, world)
    url = re.search(r'href="(/certificates/[^"]+/credential\.json)"', page).group(1)

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.json() == certificate.credential


def test_a_revoked_certificate_offers_nothing_to_share(client, world, certificate):
    certificate.revoke(world.admin, "Did not take part.")

    page = holder_page(client, world)

    assert "Add to LinkedIn" not in page
    assert "Download the credential" not in page


def test_the_latvian_page_shows_the_same_links(client, world, certificate):
    client.cookies["django_language"] = "lv"

    page = holder_page(client, world)

    assert '<html lang="lv"' in page
    assert "linkedin.com/profile/add?" in page
    assert reverse("certificates:download_credential", args=[certificate.certificate_id]) in page
