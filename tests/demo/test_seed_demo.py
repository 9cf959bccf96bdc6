from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import User
from certificates.credentials import proof
from certificates.models import Certificate, OrganisationKey
from participants.models import (
    Goal,
    Invitation,
    JournalEntry,
    LearningOutcome,
    Participant,
    ParticipantState,
    Review,
)
from projects.formats import Format
from projects.models import (
    Activity,
    Membership,
    MembershipRole,
    Organisation,
    PartnerOrganisation,
    Project,
)
from support.models import (
    Feedback,
    SupervisorAssessment,
    SupportInvitation,
    SupportPerson,
    SupportRole,
)
from support.snapshot import supervisor_snapshot

DEMO_PASSWORD = "youthpass-demo"
MODELS = (
    User,
    Organisation,
    Membership,
    Project,
    PartnerOrganisation,
    Activity,
    Participant,
    Invitation,
    LearningOutcome,
    Review,
    Certificate,
    Goal,
    JournalEntry,
    SupportPerson,
    SupportInvitation,
    Feedback,
    SupervisorAssessment,
)
RIVERS = "Rivers That Connect Us"


def seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def everything():
    return {model: list(model.objects.order_by("pk").values()) for model in MODELS}


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    return seed()


def test_refuses_to_run_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_demo_accounts_log_in_with_the_demo_password(client, seeded):
    for email in (
        "admin@example.org",
        "organiser@example.org",
        "editor@example.org",
        "participant@example.org",
        "other@example.org",
        "supervisor@example.org",
        "mentor@example.org",
        "trainee@example.org",
    ):
        assert client.login(email=email, password=DEMO_PASSWORD), email
        assert email in seeded
    assert DEMO_PASSWORD in seeded


def test_roles(seeded):
    kopa = Organisation.objects.get(name="Jauniešu centrs Kopā")
    other = Organisation.objects.exclude(pk=kopa.pk).get()
    assert kopa.role_of(User.objects.get(email="organiser@example.org")) == MembershipRole.ADMIN
    assert kopa.role_of(User.objects.get(email="editor@example.org")) == MembershipRole.EDITOR
    assert kopa.role_of(User.objects.get(email="other@example.org")) is None
    assert other.role_of(User.objects.get(email="other@example.org")) == MembershipRole.ADMIN
    assert other.projects.exists()
    assert User.objects.get(email="admin@example.org").is_superuser


def test_organisations_have_their_details_and_a_logo(seeded):
    for organisation in Organisation.objects.all():
        assert organisation.street
        assert organisation.signatory_name
        assert organisation.logo_png() is not None


def test_kopa_project_has_partners_and_activities_on_its_certificates(seeded):
    project = Project.objects.get(title=RIVERS)
    assert project.print_part3
    assert project.partners.count() == 3
    assert project.activities.count() == 2
    certificate = Certificate.objects.filter(participant__project=project).first()
    assert len(certificate.snapshot["partners"]) == 3
    assert len(certificate.snapshot["activities"]) == 2
    assert certificate.snapshot["organisation"]["logo"].startswith("data:image/png;base64,")


def test_participants_in_every_state(seeded):
    kopa_project = Project.objects.get(title=RIVERS)
    states = set(kopa_project.participants.values_list("state", flat=True))
    assert states == set(ParticipantState.values)

    returned = kopa_project.participants.get(state=ParticipantState.RETURNED)
    review = returned.reviews.get()
    assert review.decision == Review.Decision.RETURNED
    assert review.comment

    active = kopa_project.participants.get(state=ParticipantState.ACTIVE)
    assert active.outcomes.exists()
    assert active.user is not None
    assert active.invitations.get().accepted_at is not None

    for invited in kopa_project.participants.filter(state=ParticipantState.INVITED):
        assert invited.invitations.usable().count() == 1


def test_the_youth_exchange_has_a_crowd_for_the_dashboard(seeded):
    kopa_project = Project.objects.get(title=RIVERS)
    participants = kopa_project.participants
    assert participants.count() == 32
    assert participants.filter(role="group_leader").count() == 4
    assert set(participants.values_list("country", flat=True)) >= {"LV", "EE", "GR", "UA"}
    assert participants.filter(state=ParticipantState.ADDED, invitations__isnull=True).exists()
    assert kopa_project.deadline is not None and kopa_project.reminder_days == [7, 1]


def test_participant_account_holds_issued_certificates(seeded):
    participant = Participant.objects.get(user__email="participant@example.org")
    assert participant.state == ParticipantState.ISSUED
    assert len(participant.filled_outcomes()) >= 3
    assert any("ā" in outcome.text for _competence, outcome in participant.filled_outcomes())
    assert participant.certificates.count() >= 1


def test_certificates_are_issued_with_stored_pdfs(seeded):
    certificates = Certificate.objects.all()
    assert certificates.count() >= 2
    for certificate in certificates:
        assert certificate.state == Certificate.State.VALID
        assert certificate.participant.state == ParticipantState.ISSUED
        with certificate.pdf.open("rb") as pdf:
            assert pdf.read(5) == b"%PDF-"
        assert f"https://youthpass.test/verify/{certificate.certificate_id}/" in seeded


def test_demo_certificates_carry_their_signed_credential(db, settings):
    # `make run` sets nothing: the development server derives its key-encryption key.
    settings.DEBUG = True
    settings.CREDENTIAL_KEY = ""
    seed()
    assert Certificate.objects.exists()
    for certificate in Certificate.objects.all():
        proof.verify_credential(certificate.credential, OrganisationKey.public_key_for)
        assert certificate.credential["id"] == certificate.verification_url


def test_running_again_changes_nothing(seeded):
    before = everything()
    output = seed()
    assert everything() == before
    assert "nothing changed" in output
    assert Certificate.objects.count() >= 2


def test_running_again_adds_only_what_is_missing(seeded):
    Participant.objects.get(email="girts.kenins@example.org").delete()
    PartnerOrganisation.objects.get(name="MTÜ Noorte Hääl").delete()
    Activity.objects.filter(title="Advance planning visit").update(aims="Changed by a visitor.")
    seed()
    assert Participant.objects.filter(email="girts.kenins@example.org").count() == 1
    assert Organisation.objects.count() == 2
    assert PartnerOrganisation.objects.filter(name="MTÜ Noorte Hääl").count() == 1
    assert Activity.objects.get(title="Advance planning visit").aims == "Changed by a visitor."


# Support persons, learning plan and journal, the supervisor's assessment


def test_supervisor_and_mentor_support_the_participant(seeded):
    participant = Participant.objects.get(user__email="participant@example.org")
    assert participant.project.title == RIVERS
    roles = {person.role: person for person in participant.support_persons.all()}
    assert set(roles) == {SupportRole.SUPERVISOR, SupportRole.MENTOR}
    for person in roles.values():
        assert person.accepted_at is not None
        assert person.invitations.get().accepted_at is not None
    assert roles[SupportRole.SUPERVISOR].user.email == "supervisor@example.org"
    assert roles[SupportRole.MENTOR].user.email == "mentor@example.org"
    assert roles[SupportRole.MENTOR].participants.count() == 2


def test_participant_has_a_learning_plan_and_journal(seeded):
    participant = Participant.objects.get(user__email="participant@example.org")
    goals = participant.goals.all()
    assert goals.count() == 3
    assert goals.filter(state=Goal.State.REACHED).count() == 1
    assert goals.filter(shared=True).count() == 1
    entries = participant.journal_entries.all()
    assert entries.filter(shared=True).count() == 2
    assert entries.filter(shared=False).count() == 1
    assert all(entry.competences for entry in entries)
    photo = entries.get(photo__gt="")
    assert photo.shared
    with photo.photo.open("rb") as file:
        assert file.read(2) == b"\xff\xd8"  # a JPEG, re-encoded like an upload


def test_supervisor_gave_feedback_on_what_was_shared(seeded):
    participant = Participant.objects.get(user__email="participant@example.org")
    feedback = Feedback.objects.filter(author__user__email="supervisor@example.org").filter(
        author__project=participant.project
    )
    assert feedback.filter(goal__shared=True, goal__participant=participant).count() == 1
    assert feedback.filter(entry__shared=True, entry__participant=participant).count() == 1
    assert not Feedback.objects.filter(goal__shared=False).exists()
    assert not Feedback.objects.filter(entry__shared=False).exists()


def test_assessments_are_agreed(seeded):
    for email in ("participant@example.org", "trainee@example.org"):
        participant = Participant.objects.get(user__email=email)
        assessment = participant.supervisor_assessment
        assert assessment.included
        assert assessment.author.user.email == "supervisor@example.org"
        assert supervisor_snapshot(participant)["supervisor_assessment"]["text"] == (
            assessment.text
        )


def test_traineeship_is_ready_to_be_issued(seeded):
    trainee = Participant.objects.get(user__email="trainee@example.org")
    assert trainee.project.organisation.name == "Jauniešu centrs Kopā"
    assert trainee.project.format == Format.TRAINEESHIP_JOB
    assert trainee.state == ParticipantState.APPROVED
    assert trainee.professional_competences
    assert len(trainee.filled_outcomes()) == 3
    assert "ā" in trainee.supervisor_assessment.text


def test_demo_supervisor_sees_the_shared_pages(client, seeded):
    client.login(email="supervisor@example.org", password=DEMO_PASSWORD)
    page = client.get(reverse("support:mine")).content.decode()
    assert "Elīza Ozoliņa" in page
    assert "Marta Krūmiņa" in page
    participant = Participant.objects.get(user__email="participant@example.org")
    page = client.get(reverse("support:participant", args=[participant.code])).content.decode()
    assert "Lead the morning reflection group in English" in page
    assert "Strīds par darba sadali" not in page  # the private entry
    assert "Noticing that you over-prepared" in page


def test_running_again_keeps_what_visitors_changed_in_the_support(seeded):
    participant = Participant.objects.get(user__email="participant@example.org")
    mentor = participant.support_persons.get(role=SupportRole.MENTOR)
    mentor.participants.remove(participant)
    participant.goals.get(shared=True).delete()
    seed()
    assert not mentor.participants.filter(pk=participant.pk).exists()
    assert participant.goals.filter(shared=True).count() == 1
    assert SupervisorAssessment.objects.filter(participant=participant).count() == 1
    assert participant.journal_entries.count() == 3


def test_a_humanitarian_aid_volunteers_certificate_names_the_training_cycle(seeded):
    volunteer = Participant.objects.get(
        user__email="volunteer@example.org",
        project__format=Format.HUMANITARIAN_AID_VOLUNTEERING,
    )
    assert volunteer.state == ParticipantState.ISSUED
    certificate = volunteer.certificates.get()
    assert [event["name"] for event in certificate.snapshot["training_cycle"]] == [
        "Pre-departure training",
        "On-arrival training",
        "Mid-term evaluation",
    ]
    assert [section["key"] for section in certificate.snapshot["sections"]] == [
        "tasks",
        "training_activities",
    ]
