import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from accounts.models import SignupRequest, User
from certificates.models import Certificate, OrganisationKey
from jobs.models import Job
from participants.models import Invitation, LearningOutcome, Participant
from projects.models import Membership, MembershipRole, Organisation, Project
from tests.conftest import PASSWORD, make_project, make_user, write_outcomes

OUR_APPS = {"accounts", "projects", "participants", "certificates", "jobs"}
REGISTERED = sorted(
    (model for model in admin.site._registry if model._meta.app_label in OUR_APPS),
    key=lambda model: model._meta.label,
)


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def store_certificate(participant, by, language="en"):
    """An issued certificate without going through the PDF renderer."""
    certificate = Certificate(
        participant=participant,
        language=language,
        snapshot={"holder": {"name": participant.full_name}, "language": language},
        issued_by=by,
    )
    certificate.pdf.save(certificate.filename, ContentFile(b"%PDF-1.7 test"), save=False)
    certificate.save()
    participant.mark_issued()
    return certificate


@pytest.fixture
def full_world(world, approved_participant):
    """The world with a row of every registered model."""
    world.certificate = store_certificate(approved_participant, world.admin)
    world.key = OrganisationKey.current_for(world.organisation)
    world.invited = Participant.objects.create(
        project=world.project,
        first_name="Ελένη",
        last_name="Παπαδοπούλου",
        email="eleni@example.org",
    )
    world.invitation, world.token = world.invited.invite(world.admin)
    Job.create(world.project, Job.Kind.ZIP, [approved_participant], by=world.admin)
    world.organisation.invite_colleague(
        "kolega@example.org", MembershipRole.EDITOR, by=world.admin, language="lv"
    )
    Group.objects.create(name="Helpdesk")
    SignupRequest.start(
        email="new@example.org",
        first_name="Dace",
        last_name="Liepa",
        organisation_name="Biedrība Zaļā Saliņa",
        password="a-long-enough-password",
        language="lv",
    )
    return world


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root@example.org", PASSWORD)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def grow(world, organisations=3, participants=4):
    """More rows of every kind, so list pages show whether queries grow with rows."""
    for n in range(organisations):
        organisation = Organisation.objects.create(name=f"Organisation {n}", country="EE")
        organiser = make_user(f"organiser{n}@example.org", "Kärt", f"Põder {n}")
        Membership.objects.create(
            organisation=organisation, user=organiser, role=MembershipRole.ADMIN
        )
        project = make_project(organisation, title=f"Project {n}", created_by=organiser)
        for m in range(participants):
            email = f"p{n}-{m}@example.org"
            participant = Participant.objects.create(
                project=project, first_name="Олена", last_name=f"Коваль {m}", email=email
            )
            participant.invite(organiser)
            participant.accept(make_user(email))
            write_outcomes(participant, {"digital": "Video editing.", "citizenship": "Voting."})
            participant.submit()
            participant.approve(organiser, "Well written.")
            store_certificate(participant, organiser)
        Job.create(project, Job.Kind.ZIP, project.participants.all(), by=organiser)
        OrganisationKey.current_for(organisation)
        organisation.invite_colleague(
            f"colleague{n}@example.org", MembershipRole.ADMIN, by=organiser, language="en"
        )
    Group.objects.create(name="Auditors")


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_search_and_change_page_open(admin_client, full_world, model):
    response = admin_client.get(url(model, "changelist"))
    assert response.status_code == 200

    response = admin_client.get(url(model, "changelist"), {"q": "Kalniņa"})
    assert response.status_code == 200

    obj = model._default_manager.first()
    assert obj is not None, f"the fixture has no {model._meta.label}"
    response = admin_client.get(url(model, "change", obj.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_list_pages_take_the_same_number_of_queries_for_more_rows(admin_client, full_world, model):
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(url(model, "changelist")).status_code == 200
    grow(full_world)
    with CaptureQueriesContext(connection) as many:
        assert admin_client.get(url(model, "changelist")).status_code == 200
    assert len(many) == len(few)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_non_staff_is_sent_to_login(client, full_world, model):
    client.force_login(full_world.admin)
    response = client.get(url(model, "changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_search_finds_participants_by_name_and_grant_number(admin_client, full_world):
    response = admin_client.get(url(Participant, "changelist"), {"q": "Παπαδοπούλου"})
    assert "eleni@example.org" in response.text
    assert "participant@example.org" not in response.text

    response = admin_client.get(url(Participant, "changelist"), {"q": "000123456"})
    assert "eleni@example.org" in response.text
    assert "participant@example.org" in response.text


def test_certificate_found_by_id_typed_loosely(admin_client, full_world):
    certificate_id = full_world.certificate.certificate_id
    typed = certificate_id.replace("-", " ").lower().replace("0", "o")
    response = admin_client.get(url(Certificate, "changelist"), {"q": typed})
    assert list(response.context["cl"].result_list) == [full_world.certificate]
    assert certificate_id in response.text


def test_certificates_are_read_only(admin_client, full_world):
    certificate = full_world.certificate
    assert admin_client.get(url(Certificate, "add")).status_code == 403

    response = admin_client.get(url(Certificate, "change", certificate.pk))
    assert escape('"holder": {\n    "name": "Līga Kalniņa"\n  }') in response.text
    assert 'name="state_reason"' not in response.text
    assert url(Certificate, "delete", certificate.pk) not in response.text

    response = admin_client.post(
        url(Certificate, "change", certificate.pk),
        {"state": "revoked", "state_reason": "test"},
    )
    assert response.status_code == 403
    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.VALID


def test_operator_downloads_the_stored_pdf(admin_client, full_world):
    certificate = full_world.certificate
    pdf_url = reverse("admin:certificates_certificate_pdf", args=[certificate.pk])
    response = admin_client.get(url(Certificate, "change", certificate.pk))
    assert pdf_url in response.text
    assert f"https://youthpass.test/verify/{certificate.certificate_id}/" in response.text

    response = admin_client.get(pdf_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 test"
    assert certificate.filename in response["Content-Disposition"]


def test_staff_without_permission_cannot_download_the_pdf(client, full_world):
    staff = make_user("helpdesk@example.org", is_staff=True)
    client.force_login(staff)
    pdf_url = reverse("admin:certificates_certificate_pdf", args=[full_world.certificate.pk])
    assert client.get(pdf_url).status_code == 403


def test_invitation_token_hash_is_never_shown(admin_client, full_world):
    invitation = full_world.invitation
    for page in (
        url(Invitation, "change", invitation.pk),
        url(Participant, "change", full_world.invited.pk),
    ):
        response = admin_client.get(page)
        assert response.status_code == 200
        assert invitation.token_hash not in response.text
        assert "token_hash" not in response.text
        assert "token hash" not in response.text.lower()
    assert admin_client.get(url(Invitation, "add")).status_code == 403


def test_signing_keys_show_their_public_part_only(admin_client, full_world):
    key = full_world.key
    OrganisationKey.rotate(full_world.organisation)
    for page in (url(OrganisationKey, "changelist"), url(OrganisationKey, "change", key.pk)):
        response = admin_client.get(page)
        assert response.status_code == 200
        assert key.public_key_multibase in response.text
        assert key.encrypted_private_key not in response.text
        assert "private" not in response.text.lower()
    assert admin_client.get(url(OrganisationKey, "add")).status_code == 403
    response = admin_client.post(url(OrganisationKey, "delete", key.pk), {"post": "yes"})
    assert response.status_code == 403
    assert OrganisationKey.objects.filter(pk=key.pk).exists()


def test_revoke_action_stops_the_link(admin_client, full_world):
    invitation = full_world.invitation
    response = admin_client.post(
        url(Invitation, "changelist"),
        {"action": "revoke", admin.helpers.ACTION_CHECKBOX_NAME: [invitation.pk]},
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert Invitation.find_usable(full_world.token) is None


def test_participant_state_is_not_editable(admin_client, full_world):
    response = admin_client.get(url(Participant, "change", full_world.participant.pk))
    assert 'name="state"' not in response.text
    assert "Certificate issued" in response.text


def test_project_lists_its_participants_with_links(admin_client, full_world):
    response = admin_client.get(url(Project, "change", full_world.project.pk))
    assert "Līga Kalniņa" in response.text
    assert url(Participant, "change", full_world.participant.pk) in response.text
    assert 'name="participants-0-email"' not in response.text


def test_add_user_by_email(admin_client, superuser):
    response = admin_client.get(url(User, "add"))
    assert 'name="email"' in response.text
    assert 'name="username"' not in response.text

    response = admin_client.post(
        url(User, "add"),
        {
            "email": "Mari-Liis.Tamm@Example.org",
            "first_name": "Mari-Liis",
            "last_name": "Tamm",
            "language": "lv",
            "usable_password": "true",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="mari-liis.tamm@example.org")
    assert user.language == "lv"
    assert user.check_password("a-long-enough-passphrase")


def test_add_user_refuses_an_address_that_differs_only_in_case(admin_client, world):
    response = admin_client.post(
        url(User, "add"),
        {
            "email": "Admin@Example.org",
            "usable_password": "false",
            "language": "en",
        },
    )
    assert response.status_code == 200
    assert "An account with this e-mail address already exists." in response.text
    assert User.objects.filter(email__iexact="admin@example.org").count() == 1


def test_change_user_keeps_email_and_language(admin_client, world):
    user = world.editor
    response = admin_client.get(url(User, "change", user.pk))
    assert 'name="language"' in response.text
    assert "Jauniešu centrs Ģēnijs" in response.text  # the membership inline

    response = admin_client.post(
        url(User, "change", user.pk),
        {
            "email": "Edgars.Ozols@example.org",
            "first_name": "Edgars",
            "last_name": "Ozols",
            "language": "lv",
            "is_active": "on",
            "date_joined_0": "2026-01-05",
            "date_joined_1": "10:00:00",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": user.memberships.get().pk,
            "memberships-0-user": user.pk,
            "memberships-0-organisation": world.organisation.pk,
            "memberships-0-role": "admin",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user.refresh_from_db()
    assert user.email == "edgars.ozols@example.org"
    assert user.language == "lv"
    assert world.organisation.role_of(user) == "admin"


def test_the_participants_own_words_are_read_only(admin_client, full_world):
    participant = full_world.participant
    outcome = participant.outcomes.get(competence="digital")
    page = admin_client.get(url(Participant, "change", participant.pk))
    assert "I edited a radio show with free software." in page.text
    assert 'name="outcomes-0-text"' not in page.text
    assert 'name="tasks"' not in page.text and 'name="dialogue_partner"' not in page.text
    assert 'name="first_name"' in page.text  # the person's data stays correctable

    outcome_page = admin_client.get(url(LearningOutcome, "change", outcome.pk))
    assert 'name="text"' not in outcome_page.text
    admin_client.post(url(LearningOutcome, "change", outcome.pk), {"text": "Changed by admin."})
    outcome.refresh_from_db()
    assert outcome.text == "I edited a radio show with free software."
    assert admin_client.get(url(LearningOutcome, "add")).status_code == 403
    assert admin_client.get(url(LearningOutcome, "delete", outcome.pk)).status_code == 403


def test_the_admin_says_whose_it_is(admin_client):
    page = admin_client.get(reverse("admin:index"))
    assert "<title>Site administration | Youthpass administration</title>" in page.text
    assert "Youthpass administration" in page.text
