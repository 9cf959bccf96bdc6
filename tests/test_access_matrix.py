"""Who gets what, for every URL of the site.

The patterns are read from the URL resolver, so a new view without a row in MATRIX fails
`test_every_url_has_a_row`. Each row says how to build the URL's arguments from a fresh
world, which method checks it, and what each actor gets:

- LOGIN: sent to the login page (anonymous on a login-required view);
- IN: past the access check: 200, or a redirect that is not to the login page (a form
  error shown again or a redirect back counts: the point is who gets in, not the form);
- 200, 403, 404, 405: exactly that status.

A site admin (superuser without membership) manages through /admin/; on the app pages the
ordinary rules apply, so they get what any stranger gets.
"""

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url
from django.urls import URLResolver, get_resolver, reverse
from PIL import Image

from accounts.models import User
from certificates.models import Certificate, OrganisationKey, StatusList
from certificates.snapshot import build_snapshot
from dashboard.importing import check_file
from dashboard.models import ParticipantImport
from jobs.models import Job
from projects.models import Activity, PartnerOrganisation
from support.models import SupervisorAssessment
from tests.conftest import PASSWORD, write_outcomes
from tests.support.conftest import support  # noqa: F401 (the fixture, used by name)

LOGIN = "login"
IN = "in"

ACTORS = [
    "anonymous",
    "holder",
    "other_participant",
    "supervisor",
    "mentor",
    "unassigned",
    "editor",
    "admin",
    "outsider",
    "site_admin",
]

# Patterns that are not the app's own: checked elsewhere (admin) or framework plumbing.
SKIPPED_PREFIXES = ("admin/", "i18n/", "static/", "media/")


def expect(default, **cells):
    unknown = set(cells) - set(ACTORS)
    assert not unknown, unknown
    return {actor: cells.get(actor, default) for actor in ACTORS}


def public(outcome):
    return expect(outcome)


def logged_in(outcome=200):
    return expect(outcome, anonymous=LOGIN)


# One per access helper: what its answers look like for each actor.

# participants.access.participant_for_holder: the holder; the organisers get 403.
HOLDER = expect(404, anonymous=LOGIN, holder=IN, editor=403, admin=403)
# projects.access.project_for_member / participants.access.participant_for_editor: the
# organisation's members; the project's participants get 403.
ORGANISERS = expect(404, anonymous=LOGIN, holder=403, other_participant=403, editor=IN, admin=IN)
# support.access.project_for_organiser: as above, and the project's support persons get 403.
ORGANISERS_OF_SUPPORT = {**ORGANISERS, "supervisor": 403, "mentor": 403, "unassigned": 403}
# support.access.participant_for_support: the assigned support persons; the participant and
# the organisers get 403.
SUPPORTERS = expect(
    404, anonymous=LOGIN, holder=403, supervisor=IN, mentor=IN, editor=403, admin=403
)
# support.access.participant_for_supervisor: assigned supervisors; other supporters get 403.
SUPERVISORS = {**SUPPORTERS, "mentor": 403}
# Feedback is edited by its author only (the mentor wrote it); anyone else is sent away.
FEEDBACK_AUTHOR = {**SUPPORTERS, "supervisor": 404}


@dataclass
class Row:
    args: Callable  # world -> URL kwargs (may create what the URL needs)
    expected: dict
    method: str = "get"
    post_only: bool = False  # GET answers 405
    data: Callable = field(default=lambda world: {})


def post(args, expected, data=lambda world: {}, post_only=True):
    return Row(args, expected, method="post", post_only=post_only, data=data)


# Arguments built from the world.


def none(world):
    return {}


def project(world):
    return {"project_code": world.project.code}


def managed(world):
    return {"project_code": world.project.code, "participant_code": world.participant.code}


def mine(world):
    return {"participant_code": world.participant.code}


def goal(world):
    return {**mine(world), "goal_code": world.shared_goal.code}


def entry(world):
    return {**mine(world), "entry_code": world.shared_entry.code}


def partner(world):
    partner = PartnerOrganisation.objects.create(
        project=world.project, name="Noored Ühendus", town="Tartu", country="EE"
    )
    return {**project(world), "partner_code": partner.code}


def activity(world):
    activity = Activity.objects.create(
        project=world.project,
        title="Preparatory visit",
        start_date=datetime.date(2026, 5, 1),
        end_date=datetime.date(2026, 5, 3),
    )
    return {**project(world), "activity_code": activity.code}


def organisation(world):
    return {"organisation_code": world.organisation.code}


def editor_membership(world):
    membership = world.organisation.memberships.get(user=world.editor)
    return {**organisation(world), "membership_code": membership.code}


def colleague_invitation(world):
    invitation, _token = world.organisation.invite_colleague(
        "new.colleague@example.org", "editor", by=world.admin, language="en"
    )
    return {**organisation(world), "invitation_code": invitation.code}


def new_colleague(world):
    return {"email": "another.colleague@example.org", "role": "editor", "language": "en"}


def image(fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (31, 63, 143)).save(buffer, format=fmt)
    return ContentFile(buffer.getvalue())


def organisation_with_logo(world):
    world.organisation.logo.save("logo.png", image("PNG"))
    return organisation(world)


def entry_with_photo(world):
    world.shared_entry.photo.save("photo.jpg", image("JPEG"))
    return {"entry_code": world.shared_entry.code}


def support_person(world):
    return {**project(world), "support_code": world.mentor.code}


def feedback_goal(world):
    return {**mine(world), "goal_code": world.shared_goal.code}


def feedback_entry(world):
    return {**mine(world), "entry_code": world.shared_entry.code}


def feedback(world):
    feedback = world.mentor.give_feedback(world.shared_goal, "Well prepared.")
    return {**mine(world), "feedback_code": feedback.code}


def assessment(world):
    SupervisorAssessment.objects.create(
        participant=world.participant, author=world.supervisor, text="Reliable and curious."
    )
    return mine(world)


def certificate(world):
    """An issued certificate of the world's participant, with a stand-in PDF."""
    participant = world.participant
    write_outcomes(participant, {"digital": "I edited a radio show with free software."})
    participant.submit()
    participant.approve(world.admin)
    certificate = Certificate(
        participant=participant,
        language="en",
        snapshot=build_snapshot(participant, "en", by=world.admin),
        issued_by=world.admin,
    )
    certificate.pdf.save(certificate.filename, ContentFile(b"%PDF-1.7 test"), save=False)
    certificate.save()
    participant.mark_issued()
    return certificate


def certificate_id(world):
    return {"certificate_id": certificate(world).certificate_id}


def signed_certificate_id(world):
    """A certificate with its signed credential, as issuing stores it."""
    issued = certificate(world)
    key = OrganisationKey.current_for(world.organisation)
    issued.credential = issued.sign_credential(key, world.participant.email)
    issued.save(update_fields=["credential"])
    return {"certificate_id": issued.certificate_id}


def signing_organisation(world):
    OrganisationKey.current_for(world.organisation)
    return {"organisation_code": world.organisation.code}


def status_list_organisation(world):
    """An organisation that has issued a credential, and so has a status list."""
    StatusList.for_organisation(world.organisation)
    return {"organisation_code": world.organisation.code}


def managed_certificate(world):
    return {**managed(world), "certificate_id": certificate(world).certificate_id}


def job(world):
    """A finished ZIP job of the world's project, with its file."""
    task = Job.objects.create(
        project=world.project, kind=Job.Kind.ZIP, state=Job.State.DONE, created_by=world.admin
    )
    task.result.save("certificates.zip", ContentFile(b"PK\x05\x06" + bytes(18)))
    return {"project_code": world.project.code, "job_code": task.code}


def participant_import(world):
    """A checked participant list waiting to be imported into the world's project."""
    data = b"first_name,last_name,email\nAnna,Liepa,anna@example.org\n"
    checked = check_file(world.project, data)
    preview = ParticipantImport.create_from(world.project, checked, "list.csv", by=world.admin)
    return {**project(world), "import_code": preview.code}


def bad_token(world):
    return {"token": "not-a-token"}


def reset_link(world):
    return {"uidb64": "MQ", "token": "set-password"}


MATRIX = {
    # Public pages.
    "home": Row(none, public(200)),
    # The person's own account.
    "me": Row(none, logged_in()),
    "start": Row(none, logged_in(IN)),
    "privacy:my_data": post(none, logged_in(IN)),
    "privacy:delete_account": Row(none, logged_in()),
    "signup": Row(none, expect(IN, anonymous=200)),
    "signup_confirm": Row(bad_token, public(404)),
    # Logged-in people are sent on from the login page.
    "login": Row(none, expect(IN, anonymous=200)),
    "logout": post(none, public(IN)),
    "password_change": Row(none, logged_in()),
    "password_change_done": Row(none, logged_in()),
    "password_reset": Row(none, public(200)),
    "password_reset_done": Row(none, public(200)),
    # A bad link shows the "link no longer valid" page.
    "password_reset_confirm": Row(reset_link, public(200)),
    "password_reset_complete": Row(none, public(200)),
    # Projects.
    "dashboard:projects": Row(none, logged_in()),
    "projects:create": Row(none, logged_in(IN)),
    "dashboard:project": Row(project, ORGANISERS),
    "projects:edit": Row(project, ORGANISERS),
    # E-mails to many participants: without a selection, sent back to the dashboard.
    "dashboard:bulk_email": Row(project, ORGANISERS),
    "projects:partner_add": Row(project, ORGANISERS),
    "projects:partner_edit": Row(partner, ORGANISERS),
    "projects:partner_remove": Row(partner, ORGANISERS),
    "projects:activity_add": Row(project, ORGANISERS),
    "projects:activity_edit": Row(activity, ORGANISERS),
    "projects:activity_delete": Row(activity, ORGANISERS),
    "projects:organisation": Row(
        organisation, {**expect(404, anonymous=LOGIN, admin=IN), "editor": 403}
    ),
    "projects:organisation_log": Row(
        organisation, {**expect(404, anonymous=LOGIN, admin=200), "editor": 403}
    ),
    # Colleagues: the list for every member, changes for the admins.
    "projects:colleagues": Row(organisation, expect(404, anonymous=LOGIN, editor=200, admin=200)),
    "projects:colleague_invite": post(
        organisation, {**expect(404, anonymous=LOGIN, admin=IN), "editor": 403}, new_colleague
    ),
    "projects:colleague_role": post(
        editor_membership,
        {**expect(404, anonymous=LOGIN, admin=IN), "editor": 403},
        lambda world: {"role": "admin"},
    ),
    "projects:colleague_remove": Row(
        editor_membership, {**expect(404, anonymous=LOGIN, admin=IN), "editor": 403}
    ),
    "projects:colleague_invitation_cancel": post(
        colleague_invitation, {**expect(404, anonymous=LOGIN, admin=IN), "editor": 403}
    ),
    "projects:colleague_invitation_resend": post(
        colleague_invitation, {**expect(404, anonymous=LOGIN, admin=IN), "editor": 403}
    ),
    "projects:colleague_invitation": Row(bad_token, public(404)),
    "projects:organisation_logo": Row(
        organisation_with_logo, expect(404, anonymous=LOGIN, editor=200, admin=200)
    ),
    # Participants, as the organisers see them.
    "participants:add": Row(project, ORGANISERS),
    "participants:manage": Row(managed, ORGANISERS),
    "participants:invite": post(managed, ORGANISERS),
    "participants:review": post(managed, ORGANISERS),
    "participants:period": post(managed, ORGANISERS),
    "participants:training_cycle": post(managed, ORGANISERS),
    "participants:manage_history": Row(managed, ORGANISERS),
    # Participant lists as spreadsheets: import with a preview, templates, export.
    "dashboard:import": Row(project, ORGANISERS),
    "dashboard:import_preview": Row(participant_import, ORGANISERS),
    "dashboard:import_encoding": post(participant_import, ORGANISERS),
    "dashboard:import_template_csv": Row(project, ORGANISERS),
    "dashboard:import_template_xlsx": Row(project, ORGANISERS),
    "dashboard:export_csv": Row(project, ORGANISERS),
    "dashboard:export_xlsx": Row(project, ORGANISERS),
    # The participant's own pages.
    "participants:mine": Row(none, logged_in()),
    "participants:detail": Row(mine, HOLDER),
    "participants:personal": Row(mine, HOLDER),
    "participants:outcomes": Row(mine, HOLDER),
    "participants:outcomes_autosave": post(mine, HOLDER),
    "participants:evidence": Row(mine, HOLDER),
    "participants:referees": Row(mine, HOLDER),
    "participants:languages": Row(mine, HOLDER),
    "participants:submit": post(mine, HOLDER),
    "participants:history": Row(mine, HOLDER),
    "participants:plan": Row(mine, HOLDER),
    "participants:goal_add": Row(mine, HOLDER),
    "participants:goal_edit": Row(goal, HOLDER),
    "participants:goal_autosave": post(goal, HOLDER),
    "participants:goal_state": post(goal, HOLDER),
    "participants:goal_share": post(goal, HOLDER),
    "participants:goal_delete": Row(goal, HOLDER),
    "participants:journal": Row(mine, HOLDER),
    "participants:entry_add": Row(mine, HOLDER),
    "participants:entry_edit": Row(entry, HOLDER),
    "participants:entry_autosave": post(entry, HOLDER),
    "participants:entry_share": post(entry, HOLDER),
    "participants:entry_delete": Row(entry, HOLDER),
    # The photo of a shared entry: the participant and their assigned support persons only.
    "participants:journal_photo": Row(
        entry_with_photo, expect(404, anonymous=LOGIN, holder=200, supervisor=200, mentor=200)
    ),
    "participants:invitation": Row(bad_token, public(404)),
    # Support persons, as the organisers see them.
    "support:project": Row(project, ORGANISERS_OF_SUPPORT),
    "support:add": Row(project, ORGANISERS_OF_SUPPORT),
    "support:edit": Row(support_person, ORGANISERS_OF_SUPPORT),
    "support:invite": post(support_person, ORGANISERS_OF_SUPPORT),
    "support:remove": Row(support_person, ORGANISERS_OF_SUPPORT),
    # The support persons' pages.
    "support:mine": Row(none, logged_in()),
    "support:participant": Row(mine, SUPPORTERS),
    "support:feedback_goal": post(feedback_goal, SUPPORTERS),
    "support:feedback_entry": post(feedback_entry, SUPPORTERS),
    "support:feedback_edit": Row(feedback, FEEDBACK_AUTHOR),
    "support:feedback_delete": post(feedback, FEEDBACK_AUTHOR),
    "support:assessment": Row(mine, SUPERVISORS),
    # The participant's view of their support persons.
    "support:my_support": Row(mine, HOLDER),
    "support:consent": post(assessment, HOLDER),
    "support:dialogue_partner": post(
        mine, HOLDER, data=lambda world: {"support_person": world.mentor.code}
    ),
    "support:share_self_assessment": post(mine, HOLDER, data=lambda world: {"share": "yes"}),
    "support:invitation": Row(bad_token, public(404)),
    # Certificates.
    "certificates:verify_form": Row(none, public(200)),
    "certificates:root_certificate": Row(none, public(200)),
    "certificates:verify": Row(certificate_id, public(200)),
    # Anyone may have a certificate file checked.
    "certificates:verify_file": post(
        none,
        public(IN),
        data=lambda world: {"file": SimpleUploadedFile("c.json", b"{}")},
        # Opened again by GET (the language menu does), it leads back to the form.
        post_only=False,
    ),
    "certificates:credential": Row(signed_certificate_id, public(200)),
    "certificates:did_document": Row(signing_organisation, public(200)),
    "certificates:status_list": Row(status_list_organisation, public(200)),
    "certificates:download_credential": Row(
        signed_certificate_id, expect(404, anonymous=LOGIN, holder=200, editor=200, admin=200)
    ),
    "certificates:download": Row(
        certificate_id, expect(404, anonymous=LOGIN, holder=200, editor=200, admin=200)
    ),
    # Previews: a PDF made and stored nowhere, for those who may open the page it is on.
    "certificates:preview_mine": Row(mine, HOLDER),
    "certificates:preview": Row(managed, ORGANISERS),
    "certificates:issue": post(managed, ORGANISERS),
    "certificates:revoke": post(managed_certificate, ORGANISERS),
    "certificates:replace": post(managed_certificate, ORGANISERS),
    "dashboard:issue_all": Row(project, ORGANISERS),
    "dashboard:zip": Row(project, ORGANISERS),
    # Background tasks of a project.
    "jobs:list": Row(project, ORGANISERS),
    "jobs:detail": Row(job, ORGANISERS),
    "jobs:status": Row(job, ORGANISERS),
    "jobs:result": Row(job, ORGANISERS),
    "jobs:retry": post(job, ORGANISERS),
}


def url_patterns(resolver=None, prefix="", namespace=""):
    """(name, route) of every URL pattern of the site, includes followed."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from url_patterns(pattern, route, inner)
        else:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, route


def test_every_url_has_a_row():
    patterns = list(url_patterns())
    unnamed = [route for name, route in patterns if not name]
    assert not unnamed, f"URL patterns without a name cannot be checked: {unnamed}"
    missing = sorted({f"{name} ({route})" for name, route in patterns if name not in MATRIX})
    assert not missing, "URL patterns with no row in the access matrix: " + ", ".join(missing)


# Only the rows of URLs that exist are checked (a row may be written before its view lands).
NAMES = [name for name in MATRIX if name in {name for name, _ in url_patterns()}]


@pytest.fixture
def access_world(support):  # noqa: F811 (the fixture imported above)
    """The world with its support persons (tests/support), and a site admin with no membership."""
    world = support
    world.site_admin = User.objects.create_superuser(email="root@example.org", password=PASSWORD)
    return world


@pytest.fixture
def actors(access_world):
    world = access_world
    return {
        "anonymous": None,
        "holder": world.participant_user,
        "other_participant": world.other_participant_user,
        "supervisor": world.supervisor_user,
        "mentor": world.mentor_user,
        "unassigned": world.unassigned_user,
        "editor": world.editor,
        "admin": world.admin,
        "outsider": world.outsider,
        "site_admin": world.site_admin,
    }


def outcome(response):
    login_url = resolve_url(settings.LOGIN_URL)
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(login_url) and "next=" in location:
            return LOGIN
        return IN
    if response.status_code == 200:
        return 200
    return response.status_code


def matches(expected, got):
    if expected == IN:
        return got in (200, IN)
    return expected == got


CELLS = [pytest.param(name, actor, id=f"{name}-{actor}") for name in NAMES for actor in ACTORS]


@pytest.mark.parametrize(("name", "actor"), CELLS)
def test_access(client, access_world, actors, name, actor):
    world = access_world
    row = MATRIX[name]
    url = reverse(name, kwargs=row.args(world))
    if actors[actor] is not None:
        client.force_login(actors[actor])
    send = client.post if row.method == "post" else client.get
    response = send(url, row.data(world))
    expected = row.expected[actor]
    got = outcome(response)
    assert matches(expected, got), (
        f"{actor} {row.method.upper()} {url}: expected {expected}, got {got}"
        f" ({response.status_code} {response.get('Location', '')})"
    )


POST_ONLY = [name for name in NAMES if MATRIX[name].post_only]


@pytest.mark.parametrize("name", POST_ONLY)
def test_get_on_a_post_only_url_is_refused(client, access_world, actors, name):
    world = access_world
    row = MATRIX[name]
    allowed = next(actor for actor in ACTORS if row.expected[actor] == IN)
    if actors[allowed] is not None:
        client.force_login(actors[allowed])
    response = client.get(reverse(name, kwargs=row.args(world)))
    assert response.status_code == 405


def test_site_admin_is_for_staff_only(client, actors):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")

    client.force_login(actors["editor"])
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")

    client.force_login(actors["site_admin"])
    assert client.get("/admin/").status_code == 200
