"""Rows for the demo data of demo.data, made the way people make them on the site.

Rows are looked up by their natural keys (e-mail, name, title), so seeding again adds what
is missing and changes nothing that is already there, including whatever visitors of the
demo did with it.
"""

import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from accounts.models import User
from certificates.models import Certificate
from demo.data import DEMO_PASSWORD, Account, Demo, Helper, Logo, Person
from participants.models import Goal, JournalEntry, LearningOutcome, Participant, ParticipantState
from projects.logos import reencode_logo
from projects.models import (
    Activity,
    Membership,
    MembershipRole,
    Organisation,
    PartnerOrganisation,
    Project,
)
from support.models import SupervisorAssessment, SupportPerson
from youthpass_site.lib.images import jpeg

FONT = settings.BASE_DIR / "static" / "certificates" / "fonts" / "NotoSans-Bold.ttf"
PHOTO_SIZE = (960, 640)


def draw_photo() -> ContentFile:
    """A journal photo of a river at dusk: the phone's JPEG, stored re-encoded like an upload."""
    image = Image.new("RGB", PHOTO_SIZE, "#f4b860")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 300, 960, 640), fill="#2e6f40")
    draw.polygon([(380, 640), (560, 640), (500, 300), (470, 300)], fill="#3b7dd8")
    draw.ellipse((620, 90, 760, 230), fill="#fff3c4")
    with Image.open(io.BytesIO(encoded(image, "JPEG", quality=90))) as taken:
        return ContentFile(jpeg(taken.convert("RGB"), PHOTO_SIZE), name="photo.jpg")


def draw_logo(logo: Logo) -> ContentFile:
    """The logo as an organisation would upload it, through the same checks."""
    image = Image.new("RGBA", (480, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, 479, 239), radius=36, fill=logo.background)
    font = ImageFont.truetype(str(FONT), 120)
    draw.text((240, 120), logo.text, font=font, fill=logo.foreground, anchor="mm")
    upload = SimpleUploadedFile("logo.png", encoded(image, "PNG"), content_type="image/png")
    return reencode_logo(upload)


def encoded(image: Image.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def names(account: Account) -> dict:
    return {"first_name": account.first_name, "last_name": account.last_name}


class Seeder:
    """Seeds demos one after the other and keeps the rows it added, for the report."""

    def __init__(self):
        self.added: list[models.Model] = []

    def row(self, model: type[models.Model], defaults=None, **natural_key):
        """The row with this natural key, created from `defaults` if it is missing."""
        obj, created = model.objects.get_or_create(**natural_key, defaults=defaults or {})
        if created:
            self.added.append(obj)
        return obj, created

    def account(self, account: Account, superuser=False) -> User:
        user = User.objects.filter(email__iexact=account.email).first()
        if user is None:
            create = User.objects.create_superuser if superuser else User.objects.create_user
            user = create(
                email=account.email,
                password=DEMO_PASSWORD,
                language=account.language,
                **names(account),
            )
            self.added.append(user)
        return user

    def seed(self, demo: Demo) -> Project:
        organisation, created = self.row(
            Organisation, name=demo.organisation["name"], defaults=demo.organisation
        )
        if created and demo.logo:
            organisation.logo = draw_logo(demo.logo)
            organisation.save(update_fields=["logo"])
        admin = self.account(demo.admin)
        members = (
            (demo.admin, MembershipRole.ADMIN),
            *((editor, MembershipRole.EDITOR) for editor in demo.editors),
        )
        for account, role in members:
            user = self.account(account)
            self.row(Membership, organisation=organisation, user=user, defaults={"role": role})

        project, _created = self.row(
            Project,
            organisation=organisation,
            title=demo.project["title"],
            defaults={**demo.project, "created_by": admin},
        )
        # Before anyone is taken through the process: the certificates issued below
        # print the partners and activities.
        for partner in demo.partners:
            self.row(PartnerOrganisation, project=project, name=partner["name"], defaults=partner)
        for activity in demo.activities:
            self.row(Activity, project=project, title=activity["title"], defaults=activity)
        helpers = {helper: self.support_person(project, helper, admin) for helper in demo.support}
        for person in (*demo.people, *demo.crowd):
            self.participant(project, person, admin, helpers)
        return project

    def participant(self, project: Project, person: Person, organiser: User, helpers: dict):
        participant, created = self.row(
            Participant,
            project=project,
            email=person.account.email,
            defaults={
                **names(person.account),
                "date_of_birth": person.date_of_birth,
                "place_of_birth": person.place_of_birth,
                "role": person.role,
                "country": person.country,
                "language": person.account.language,
            },
        )
        support = {}
        for helper, (support_person, new) in helpers.items():
            if person.account in helper.supports:
                support[helper.account] = support_person
                # Only between people new to each other: an organiser of the demo
                # may have unassigned them on purpose.
                if created or new:
                    support_person.participants.add(participant)
        # A participant who is already there may have moved on since (the demo is
        # there to be clicked through); only a new one is taken through the process.
        if created:
            self.take_through_process(participant, person, organiser, support)
        elif participant.user_id:
            self.learn(participant, person, support)

    def support_person(self, project, helper: Helper, organiser) -> tuple[SupportPerson, bool]:
        """The helper's role in the project, invited and accepted as on the site."""
        support_person, created = self.row(
            SupportPerson,
            project=project,
            email=helper.account.email,
            role=helper.role,
            defaults=names(helper.account),
        )
        if created:
            invitation, _token = support_person.invite(organiser)
            invitation.accept(self.account(helper.account))
        return support_person, created

    def learn(self, participant: Participant, person: Person, support: dict):
        """The person's learning plan, journal, feedback and assessment, where missing.

        Goals are known by their title, journal entries by their day; feedback comes with
        a new goal or entry only, so that running again never repeats it.
        """

        def give_feedback(item, feedback):
            for account, text in feedback:
                author = support.get(account)
                if author and author.participants.filter(pk=participant.pk).exists():
                    author.give_feedback(item, text)

        for goal in person.goals:
            item, created = self.row(
                Goal,
                participant=participant,
                title=goal.title,
                defaults={
                    "competence": goal.competence,
                    "how": goal.how,
                    "helpers": goal.helpers,
                    "success": goal.success,
                    "state": goal.state,
                    "shared": goal.shared,
                },
            )
            if created:
                give_feedback(item, goal.feedback)
        for entry in person.journal:
            if participant.journal_entries.filter(date=entry.date).exists():
                continue
            item = JournalEntry(
                participant=participant,
                date=entry.date,
                text=entry.text,
                competences=list(entry.competences),
                shared=entry.shared,
            )
            if entry.photo:
                item.photo.save("photo.jpg", draw_photo(), save=False)
            item.save()
            self.added.append(item)
            give_feedback(item, entry.feedback)
        assessed = SupervisorAssessment.objects.filter(participant=participant).exists()
        if person.assessment and not assessed:
            supervisor = support.get(person.assessment.supervisor)
            if supervisor:
                assessment, _changed = SupervisorAssessment.write(
                    participant, supervisor, person.assessment.text, version=0
                )
                self.added.append(assessment)
                if person.assessment.agreed:
                    assessment.agree(assessment.version)

    def take_through_process(
        self, participant: Participant, person: Person, organiser: User, support: dict
    ):
        """Move a new participant to the person's state the way people do it on the site."""
        if person.state == ParticipantState.ADDED:
            return
        invitation, _token = participant.invite(organiser)
        if person.state == ParticipantState.INVITED:
            return
        invitation.accept(self.account(person.account))
        # The plan, journal and assessment come before the self-assessment is submitted,
        # as in a real project, and so are on the certificates issued below.
        self.learn(participant, person, support)
        LearningOutcome.objects.bulk_create(
            LearningOutcome(participant=participant, competence=key, text=text)
            for key, text in person.outcomes.items()
        )
        if person.sections:
            for key, text in person.sections.items():
                setattr(participant, key, text)
            participant.save(update_fields=list(person.sections))
        if person.training_cycle:
            participant.record_training_cycle(list(person.training_cycle))
        if person.state == ParticipantState.ACTIVE:
            return
        # Everyone who has submitted went through their personal data first.
        participant.personal_data_checked_at = timezone.now()
        participant.save(update_fields=["personal_data_checked_at"])
        participant.submit()
        if person.returned_with:
            participant.return_for_changes(organiser, person.returned_with)
            if person.state == ParticipantState.RETURNED:
                return
            participant.submit()
        if person.state == ParticipantState.SUBMITTED:
            return
        participant.approve(organiser, person.approved_with)
        for language in person.languages:
            Certificate.issue_for(participant, organiser, language)
