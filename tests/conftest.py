import datetime
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.utils import translation

from accounts.models import User
from certificates.sealing import create_platform_signing
from participants.models import LearningOutcome, Participant, ParticipantState
from projects.formats import Format
from projects.models import Membership, MembershipRole, Organisation, Project

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


TEST_SIGNING_PASSWORD = "seal-password"


@pytest.fixture(scope="session")
def pdf_signing_p12(tmp_path_factory):
    """The platform's own signing certificate, made once per test process."""
    directory = tmp_path_factory.mktemp("pdf-signing")
    return create_platform_signing(directory, "Youthpass tests", TEST_SIGNING_PASSWORD.encode())


@pytest.fixture(autouse=True)
def _pdf_signing(settings, pdf_signing_p12):
    settings.PDF_SIGNING_DIR = pdf_signing_p12.parent
    settings.PDF_SIGNING_P12 = str(pdf_signing_p12)
    settings.PDF_SIGNING_P12_PASSWORD = TEST_SIGNING_PASSWORD
    settings.PDF_TIMESTAMP_URL = ""


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits count in the cache: each test starts with none used."""
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's language: LocaleMiddleware leaves the language of a
    request (a Latvian page, say) active in the thread after the response."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


def make_user(email, first_name="", last_name="", **extra):
    return User.objects.create_user(
        email=email, password=PASSWORD, first_name=first_name, last_name=last_name, **extra
    )


def make_project(organisation, **fields):
    values = {
        "format": Format.YOUTH_EXCHANGE,
        "title": "Voices of the Baltic",
        "grant_number": "2024-1-LV01-KA152-YOU-000123456",
        "start_date": datetime.date(2026, 7, 1),
        "end_date": datetime.date(2026, 7, 10),
        "venue_town": "Cēsis",
        "venue_country": "LV",
        "description": "Young people from four countries made a radio show together.",
    }
    values.update(fields)
    return Project.objects.create(organisation=organisation, **values)


@pytest.fixture
def world(db):
    """An organisation with a project and one person in every role, plus an outsider.

    - admin: organisation admin of `organisation`
    - editor: editor of `organisation`
    - participant_user: holds `participant` (active, writing) in `project`
    - other_participant_user: holds `other_participant` in the same project
    - outsider: admin of `other_organisation`, with `other_project`
    """
    organisation = Organisation.objects.create(
        name="Jauniešu centrs Ģēnijs",
        street="Rīgas iela 1",
        postcode="LV-4601",
        town="Rēzekne",
        country="LV",
        signatory_name="Ilze Liepiņa",
        signatory_role="Valdes priekšsēdētāja",
    )
    other_organisation = Organisation.objects.create(name="Other Org", country="EE")
    admin = make_user("admin@example.org", "Anna", "Bērziņa")
    editor = make_user("editor@example.org", "Edgars", "Ozols")
    outsider = make_user("outsider@example.org", "Olga", "Tamm")
    Membership.objects.create(organisation=organisation, user=admin, role=MembershipRole.ADMIN)
    Membership.objects.create(organisation=organisation, user=editor, role=MembershipRole.EDITOR)
    Membership.objects.create(
        organisation=other_organisation, user=outsider, role=MembershipRole.ADMIN
    )
    project = make_project(organisation, created_by=admin)
    other_project = make_project(other_organisation, title="Other project", venue_country="EE")

    participant_user = make_user("participant@example.org", "Līga", "Kalniņa")
    participant = Participant.objects.create(
        project=project,
        user=participant_user,
        first_name="Līga",
        last_name="Kalniņa",
        email="participant@example.org",
        date_of_birth=datetime.date(2004, 5, 17),
        place_of_birth="Rēzekne",
        state=ParticipantState.ACTIVE,
    )
    other_participant_user = make_user("other.participant@example.org", "Jānis", "Ščerbina")
    other_participant = Participant.objects.create(
        project=project,
        user=other_participant_user,
        first_name="Jānis",
        last_name="Ščerbina",
        email="other.participant@example.org",
        state=ParticipantState.ACTIVE,
    )
    return SimpleNamespace(
        organisation=organisation,
        other_organisation=other_organisation,
        admin=admin,
        editor=editor,
        outsider=outsider,
        project=project,
        other_project=other_project,
        participant_user=participant_user,
        participant=participant,
        other_participant_user=other_participant_user,
        other_participant=other_participant,
    )


def write_outcomes(participant, texts):
    for key, text in texts.items():
        LearningOutcome.objects.update_or_create(
            participant=participant, competence=key, defaults={"text": text}
        )


@pytest.fixture
def approved_participant(world):
    """The world's participant with outcomes written, submitted and approved."""
    participant = world.participant
    write_outcomes(
        participant,
        {
            "multilingual": "Es iemācījos runāt latviešu valodā: ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž.",
            "digital": "I edited a radio show with free software.",
        },
    )
    participant.submit()
    participant.approve(world.admin)
    return participant


def login(client, user):
    client.force_login(user)
    return client
