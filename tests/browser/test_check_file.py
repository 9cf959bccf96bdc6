"""In a real browser: a certificate file dropped on /verify/ is checked, and the holder's
copy buttons put the LinkedIn facts on the clipboard."""

import json

import pytest
from playwright.sync_api import expect

from certificates.models import Certificate
from tests.browser.test_phones import log_in

pytestmark = pytest.mark.browser

DROP = """([zone, text]) => {
  const transfer = new DataTransfer();
  transfer.items.add(new File([text], "credential.json", {type: "application/json"}));
  zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: transfer, bubbles: true}));
  zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true}));
}"""


@pytest.fixture
def issued(transactional_db, world, approved_participant):
    return Certificate.issue_for(approved_participant, world.admin, "en")


def test_a_dropped_credential_is_checked(new_page, audit, issued):
    page = new_page()
    page.goto("/verify/")
    zone = page.locator("[data-drop-zone]")
    expect(zone.get_by_text("You can also drop the file here.")).to_be_visible()

    with page.expect_navigation():
        page.evaluate(DROP, [zone.element_handle(), json.dumps(issued.credential)])

    expect(page.get_by_role("heading", name="Result of the check")).to_be_visible()
    expect(page.get_by_text("You can rely on this file.")).to_be_visible()
    expect(page.locator(".checklist-ok")).to_have_count(4)
    audit.check(page, "result of checking a dropped credential")
    audit.assert_clean()


def test_the_copy_button_puts_the_verification_link_on_the_clipboard(
    new_page, live_server, world, issued
):
    page = new_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in(page, live_server, world.participant_user)
    page.goto(f"/me/{world.participant.code}/")
    page.get_by_text("Wallet, LinkedIn and verification link").click()
    field = page.get_by_label("Verification link")
    expect(field).to_have_value(issued.verification_url)

    page.locator(f'button[data-copy="{field.get_attribute("id")}"]').click()

    expect(page.locator(f'button[data-copy="{field.get_attribute("id")}"]')).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == issued.verification_url
