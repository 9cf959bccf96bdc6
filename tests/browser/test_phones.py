"""Every page a participant, support person or organiser opens, on a phone, in both languages.

The pages are the access matrix's (tests/test_access_matrix.py): every URL name that answers
GET is visited by each person in PEOPLE who gets in, or is listed in NOT_VISITED with the
reason. A new page therefore fails here until it is either visited or excluded on purpose.

On a 390×844 screen a page fails when
- the document is wider than the screen (the reader would have to scroll sideways);
- a bar that stays on the screen (position fixed or sticky) takes more than 12 % of its height;
- a form field, once focused, lies under such a bar (the text being written is hidden).
"""

import itertools
import shutil
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from accounts.models import SignupRequest
from projects.models import ColleagueInvitation, MembershipRole
from support.models import SupportPerson, SupportRole
from tests.browser.conftest import ARTIFACTS, ROOT, TIMEOUT_MS
from tests.conftest import write_outcomes
from tests.support.conftest import support  # noqa: F401 (the fixture, used by name)
from tests.test_access_matrix import (
    IN,
    MATRIX,
    access_world,  # noqa: F401 (the fixture, used by name)
    certificate_id,
    managed_certificate,
    url_patterns,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LANGUAGES = ("en", "lv")
# Where the pages that fail are photographed, as they were when checked.
SHOTS = ARTIFACTS / "phones"
# The largest share of the screen's height a bar that stays on the screen may take.
BAR_SHARE = 0.12

# Who opens the pages, as the access matrix names them. An organiser is the organisation's
# admin (an editor sees a subset of the same pages); the anonymous visitor opens the public
# pages (those anyone gets with no login).
PEOPLE = ("anonymous", "holder", "mentor", "supervisor", "admin")

# URL names that answer GET and are not visited, with the reason.
NOT_VISITED = {
    "dashboard:import_template_csv": "a CSV file, not a page",
    "dashboard:import_template_xlsx": "a spreadsheet, not a page",
    "dashboard:export_csv": "a CSV file, not a page",
    "dashboard:export_xlsx": "a spreadsheet, not a page",
    "certificates:download": "a PDF, not a page",
    "certificates:download_credential": "the credential as a JSON file, not a page",
    "certificates:credential": "the public credential as JSON, not a page",
    "certificates:did_document": "a DID document as JSON, not a page",
    "certificates:status_list": "the revocation list as a signed credential (JSON), not a page",
    "jobs:status": "the job page's progress as JSON, not a page",
    "jobs:result": "the job's file, not a page",
    "certificates:preview": "a PDF, not a page",
    "certificates:root_certificate": "a certificate file, not a page",
    "certificates:preview_mine": "a PDF, not a page",
    "participants:journal_photo": "an image, not a page",
    "projects:organisation_logo": "an image, not a page",
    "start": "only sends a person on to their own page, which is visited",
}
NOT_A_PAGE = "not a page: list it in NOT_VISITED with the reason"


def invitation_token(world):
    """A participant added and invited just now, as the e-mailed link names them."""
    invited = world.project.participants.create(
        first_name="Ελένη", last_name="Νικολάου", email="eleni@example.org"
    )
    _, token = invited.invite(world.admin)
    return {"token": token}


def support_invitation_token(world):
    invited = SupportPerson.objects.create(
        project=world.project,
        first_name="Pēteris",
        last_name="Krūmiņš",
        email="peteris@example.org",
        role=SupportRole.MENTOR,
    )
    _, token = invited.invite(world.admin)
    return {"token": token}


def colleague_invitation_token(world):
    _, token = ColleagueInvitation.create_for(
        world.organisation,
        email="ieva.kalnina@example.org",
        role=MembershipRole.EDITOR,
        language="lv",
        by=world.admin,
    )
    return {"token": token}


def signup_token(world):
    token = SignupRequest.start(
        email="new.organiser@example.org",
        first_name="Ilze",
        last_name="Priedīte",
        organisation_name="Biedrība Jaunatnes iniciatīvu centrs Vidzemē",
        password="kalni-un-upes-2026",
        language="lv",
    )
    return {"token": token}


# Pages the access matrix opens with a link that no longer works; here they get a working one,
# so that the page a person really sees is checked. Who opens them: the anonymous visitor.
WORKING_LINKS = {
    "participants:invitation": invitation_token,
    "support:invitation": support_invitation_token,
    "projects:colleague_invitation": colleague_invitation_token,
    "signup_confirm": signup_token,
}

# Pages whose arguments issue the participant's certificate, which ends the writing: last.
ISSUING = (certificate_id, managed_certificate)

LONG_WORD = "https://example.org/" + "radio-raidījums-" * 8 + "Cēsīs"


def get_names():
    """The URL names of the site that answer GET, in the access matrix's order."""
    names = {name for name, _ in url_patterns()}
    return [
        name
        for name, row in MATRIX.items()
        if name in names and not (row.method == "post" and row.post_only)
    ]


def visitors(name):
    expected = MATRIX[name].expected
    if name in WORKING_LINKS or expected["anonymous"] == 200:
        return ["anonymous"]
    return [person for person in PEOPLE if person != "anonymous" and expected[person] in (200, IN)]


def visits(world):
    """(URL name, path, who opens it), in order; a path is built when its turn comes."""
    names = [name for name in get_names() if name not in NOT_VISITED]
    names.sort(key=lambda name: MATRIX[name].args in ISSUING)
    built = {}  # a builder's arguments, made once: some can only be made once
    for name in names:
        people = visitors(name)
        if people:
            build = WORKING_LINKS.get(name, MATRIX[name].args)
            if build not in built:
                built[build] = build(world)
            yield name, reverse(name, kwargs=built[build]), people


def long_texts(world):
    """Texts as people write them: long, with addresses that cannot be broken at a space."""
    world.admin.email = "anna.berzina.jauniesu-centrs-genijs@example.org"
    world.admin.save(update_fields=["email"])
    write_outcomes(world.participant, {"digital": f"I edited a radio show: {LONG_WORD}"})
    entry = world.shared_entry
    entry.text = f"{entry.text} {LONG_WORD}"
    entry.save(update_fields=["text"])
    goal = world.shared_goal
    goal.title = f"{goal.title}: {LONG_WORD}"
    goal.save(update_fields=["title"])


# Runs in the page: what does not fit on the phone's screen. The screen's size is passed in:
# a phone's browser widens its layout to a page that is too wide, so the page cannot tell.
# Fields are focused one by one (focusing scrolls a field into view, as tapping it does); a
# field counts as covered when a fixed or sticky element that does not contain it overlaps
# the part of it on the screen.
CHECK = """
({share, width, height}) => {
  const problems = [];
  const describe = (el) => {
    let text = el.tagName.toLowerCase();
    if (el.id) text += '#' + el.id;
    if (el.name) text += `[name=${el.name}]`;
    if (typeof el.className === 'string' && el.className.trim())
      text += '.' + el.className.trim().split(/\\s+/).join('.');
    return text;
  };
  const doc = document.documentElement;
  if (doc.scrollWidth > width) {
    const wide = [...document.body.querySelectorAll('*')].filter((el) => {
      const rect = el.getBoundingClientRect();
      return rect.width > 0 && rect.right > width + 1;
    });
    const innermost = wide.filter(
      (el) => !wide.some((other) => other !== el && el.contains(other)));
    problems.push(`${doc.scrollWidth} px wide on a ${width} px screen; too wide: ` +
      innermost.slice(0, 5).map((el) =>
        `${describe(el)} (${Math.round(el.getBoundingClientRect().right)} px)`).join(', '));
  }
  const bars = [...document.body.querySelectorAll('*')].filter((el) =>
    ['fixed', 'sticky'].includes(getComputedStyle(el).position));
  const stuck = () => bars.filter((el) => {
    const rect = el.getBoundingClientRect();
    return rect.height > 0 && rect.bottom > 0 && rect.top < height;
  });
  const fields = [...document.querySelectorAll('input, textarea, select')].filter((el) =>
    el.type !== 'hidden' && !el.disabled && el.getClientRects().length > 0 &&
    getComputedStyle(el).visibility !== 'hidden');
  const seen = new Set();
  const barTooHigh = (el) => {
    const rect = el.getBoundingClientRect();
    if (!seen.has(el) && rect.height > share * height) {
      seen.add(el);
      problems.push(`${describe(el)} stays on the screen and is ${Math.round(rect.height)} px ` +
        `high, more than ${Math.round(share * 100)} % of ${height} px`);
    }
  };
  stuck().forEach(barTooHigh);
  for (const field of fields) {
    field.focus();
    if (document.activeElement !== field) continue;
    const rect = field.getBoundingClientRect();
    const top = Math.max(rect.top, 0), bottom = Math.min(rect.bottom, height);
    for (const bar of stuck()) {
      if (bar.contains(field)) continue;
      barTooHigh(bar);
      const over = bar.getBoundingClientRect();
      if (over.top < bottom - 1 && over.bottom > top + 1 &&
          over.left < rect.right && over.right > rect.left) {
        problems.push(`the focused ${describe(field)} lies under ${describe(bar)}`);
        break;
      }
    }
  }
  document.activeElement && document.activeElement.blur();
  window.scrollTo(0, 0);
  return problems;
}
"""


def test_every_page_fits_a_phone(transactional_db, browser, live_server, access_world):  # noqa: F811
    world = access_world
    long_texts(world)
    names = get_names()
    unaccounted = [name for name in names if name not in NOT_VISITED and not visitors(name)]
    assert not unaccounted, (
        "URL names nobody in PEOPLE opens; visit them or list them in NOT_VISITED with the "
        f"reason: {', '.join(unaccounted)}"
    )

    users = {
        "holder": world.participant_user,
        "mentor": world.mentor_user,
        "supervisor": world.supervisor_user,
        "admin": world.admin,
    }
    login_path = resolve_url(settings.LOGIN_URL)
    shutil.rmtree(SHOTS, ignore_errors=True)
    SHOTS.mkdir(parents=True)
    pages = {}
    problems = []
    for name, path, people in visits(world):
        for person, language in itertools.product(people, LANGUAGES):
            page = pages.get((person, language))
            if page is None:
                page = pages[person, language] = phone(browser, live_server, language)
                if person in users:
                    log_in(page, live_server, users[person])
            where = f"{language} {person} {name} {path}"
            try:
                response = page.goto(path)
            except PlaywrightError as error:
                # A file to download (a PDF, a ZIP) does not open as a page.
                problems.append(f"{where}: {error.message.splitlines()[0]}; {NOT_A_PAGE}")
                continue
            if response is None or response.status >= 400:
                status = response.status if response else "no answer"
                problems.append(
                    f"{where}: answers {status}; give it working arguments (WORKING_LINKS) "
                    "or the data it needs, or list it in NOT_VISITED with the reason"
                )
                continue
            kind = response.header_value("content-type") or ""
            if not kind.startswith("text/html"):
                problems.append(f"{where}: answers {kind}; {NOT_A_PAGE}")
                continue
            if urlsplit(page.url).path == login_path and person != "anonymous":
                problems.append(f"{where}: sent to the login page")
                continue
            found = page.evaluate(CHECK, {"share": BAR_SHARE, **PHONE})
            if found:
                problems.extend(f"{where}: {problem}" for problem in found)
                shot = SHOTS / f"{language}-{person}-{name.replace(':', '-')}.png"
                page.screenshot(path=shot, full_page=True)
    for page in pages.values():
        page.context.close()
    assert not problems, (
        f"Pages that do not fit a phone (screenshots in {SHOTS.relative_to(ROOT)}):\n"
        + "\n".join(problems)
    )


def phone(browser, live_server, language):
    context = browser.new_context(
        base_url=live_server.url,
        viewport=PHONE,
        device_scale_factor=1,
        is_mobile=True,
        has_touch=True,
        locale="lv-LV" if language == "lv" else "en-GB",
        # Scrolling at once, so that a field's place is known right after focusing it.
        reduced_motion="reduce",
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    return context.new_page()


def log_in(page, live_server, user):
    """Log in through a session made on the server: the login form is tested elsewhere."""
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
