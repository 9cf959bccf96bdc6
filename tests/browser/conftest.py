"""Browser tests: one headless Chromium, a fresh context per person, axe-core on every page.

Every page a test hands to `audit.check()` is photographed into test-artifacts/screenshots/
and checked with axe-core; serious and critical findings are collected and reported
together at the end, so one run shows every problem instead of the first.
"""

import itertools
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API keeps an asyncio loop running in the test's thread, and Django
# refuses ORM calls from such a thread unless told that this is deliberate.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
]
# Short enough that a broken page fails the test quickly, long enough for a PDF render.
TIMEOUT_MS = 15_000
REPORTED_IMPACTS = ("serious", "critical")


@dataclass(frozen=True)
class Rule:
    id: str
    impact: str
    help: str
    help_url: str


class Audit:
    """Screenshots and axe-core results of the pages a test walks through."""

    def __init__(self, numbers):
        self.numbers = numbers
        # Rule -> element -> (what axe says about it, pages where it occurs).
        self.violations: dict[Rule, dict[str, tuple[str, list[str]]]] = {}
        self.browser_errors: list[str] = []
        self.axe_source = AXE.read_text()

    def watch(self, page):
        """Record JavaScript errors and console errors (a CSP violation is one)."""
        page.on("pageerror", lambda error: self.browser_errors.append(f"{page.url}: {error}"))
        page.on(
            "console",
            lambda message: (
                self.browser_errors.append(f"{page.url}: {message.text}")
                if message.type == "error"
                else None
            ),
        )

    def check(self, page, name: str):
        """Screenshot the page as it is now and run axe-core on it."""
        page.wait_for_load_state("load")
        number = next(self.numbers)
        self._screenshot(page, SCREENSHOTS / f"{number:02d}-{name}.png")
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            # Not page.add_script_tag(): the site's CSP (script-src 'self') blocks the inline
            # <script> it inserts, and bypass_csp=True would hide the site's own CSP mistakes.
            # Evaluating through the DevTools protocol is not subject to the page's CSP.
            page.evaluate(self.axe_source)
        results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        where = f"{number:02d}-{name} ({urlsplit(page.url).path})"
        for found in results["violations"]:
            if found["impact"] not in REPORTED_IMPACTS:
                continue
            rule = Rule(found["id"], found["impact"], found["help"], found["helpUrl"])
            elements = self.violations.setdefault(rule, {})
            for node in found["nodes"]:
                target = " ".join(str(part) for part in node["target"])
                summary = node.get("failureSummary", "").replace("\n", " ")
                elements.setdefault(target, (summary, []))[1].append(where)

    @staticmethod
    def _screenshot(page, path: Path):
        """The whole page, laid out in a window as tall as the page.

        A plain full_page screenshot keeps the window's height for layout, so a
        sticky-bottom bar (the outcomes form has one) lands mid-page over the content.
        """
        window = page.viewport_size
        height = page.evaluate("document.documentElement.scrollHeight")
        if height <= window["height"]:
            page.screenshot(path=path)
            return
        page.set_viewport_size({"width": window["width"], "height": height})
        try:
            page.screenshot(path=path, full_page=True)
        finally:
            page.set_viewport_size(window)

    def report(self) -> str:
        """Everything found, grouped by rule and element, with the pages it occurs on."""
        parts = []
        if self.violations:
            lines = ["axe-core found serious or critical problems:"]
            for rule, elements in self.violations.items():
                lines.append(f"\n[{rule.impact}] {rule.id}: {rule.help}\n  {rule.help_url}")
                for target, (summary, pages) in elements.items():
                    lines.append(f"  - {target}\n      {summary}")
                    lines.append(f"      on {len(pages)} page(s): {', '.join(pages)}")
            parts.append("\n".join(lines))
        if self.browser_errors:
            parts.append("Errors in the browser console:\n" + "\n".join(self.browser_errors))
        return "\n\n".join(parts)

    def assert_clean(self):
        report = self.report()
        if report:
            pytest.fail(report, pytrace=False)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    if not AXE.exists():
        pytest.skip(f"browser tests need axe-core at {AXE.relative_to(ROOT)} (run npm ci)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def screenshot_numbers():
    """A fresh screenshot folder per run, numbered in the order the pages were seen."""
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return itertools.count(1)


@pytest.fixture
def audit(screenshot_numbers):
    audit = Audit(screenshot_numbers)
    yield audit
    (ARTIFACTS / "axe-report.txt").write_text(audit.report() or "No problems found.\n")


@pytest.fixture
def new_page(browser, live_server, audit):
    """Open a page in a new browser context: one context per person, like separate devices."""
    contexts = []

    def new_page():
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": 1280, "height": 900},
            locale="en-GB",
            accept_downloads=True,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        audit.watch(page)
        return page

    yield new_page
    for context in contexts:
        context.close()
