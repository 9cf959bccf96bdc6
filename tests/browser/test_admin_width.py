"""Every list of the admin fits a 1280 px screen, in English and in Latvian: no column is
cut off behind the list's edge."""

import pytest
from django.contrib import admin
from django.urls import reverse

from demo.data import DEMO_PASSWORD, DEMOS, SITE_ADMIN
from demo.seed import Seeder
from tests.browser.conftest import TIMEOUT_MS

pytestmark = pytest.mark.browser

# How far the list's table reaches past the box that shows it (0 when it fits).
OVERFLOW = """() => {
  const table = document.querySelector('#result_list');
  if (!table) return null;
  return table.scrollWidth - table.closest('.results').clientWidth;
}"""


@pytest.fixture
def demo(transactional_db, settings):
    settings.DEBUG = False
    seeder = Seeder()
    seeder.account(SITE_ADMIN, superuser=True)
    for demo in DEMOS:
        seeder.seed(demo)


def changelists():
    return [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]


@pytest.mark.parametrize("locale", ["en-GB", "lv-LV"])
def test_no_admin_list_is_wider_than_a_laptop_screen(browser, live_server, demo, locale):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 800}, locale=locale
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(reverse("admin:login"))
    page.fill("input[name=username]", SITE_ADMIN.email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")

    cut_off, checked = {}, 0
    for url in changelists():
        page.goto(url)
        overflow = page.evaluate(OVERFLOW)
        if overflow is None:
            continue  # An empty list has no table.
        checked += 1
        if overflow > 0:
            cut_off[url] = overflow
    context.close()
    assert checked >= 10, "the demo fills most lists"
    assert cut_off == {}, f"columns cut off by this many pixels: {cut_off}"
