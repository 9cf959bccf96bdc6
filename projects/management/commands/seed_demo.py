"""Demo data for a development or demo server: `manage.py seed_demo`.

Two organisations, their projects, participants in every state of the process and
issued certificates with real PDFs. Rows are looked up by their natural keys (e-mail,
name, title), so running the command again adds what is missing and changes nothing
that is already there, including whatever visitors of the demo did with it.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import User
from certificates.models import Certificate
from participants.models import LearningOutcome, Participant, Status
from projects.formats import Format
from projects.models import Membership, Organisation, Project, Role

DEMO_PASSWORD = "youthpass-demo"  # noqa: S105 - published on purpose, see the DEBUG check


@dataclass(frozen=True)
class Account:
    email: str
    first_name: str = ""
    last_name: str = ""
    language: str = "en"


@dataclass(frozen=True)
class Person:
    """A participant and how far through the process the demo takes them."""

    account: Account
    status: Status
    date_of_birth: datetime.date | None = None
    place_of_birth: str = ""
    outcomes: dict[str, str] = field(default_factory=dict)
    returned_with: str = ""  # the organiser's comment when sending the text back
    approved_with: str = ""
    languages: tuple[str, ...] = ()  # certificates issued, one per language


@dataclass(frozen=True)
class Demo:
    organisation: dict
    admin: Account
    project: dict
    people: tuple[Person, ...]
    editors: tuple[Account, ...] = ()


SITE_ADMIN = Account("admin@example.org")
ORGANISER = Account("organiser@example.org", "Ilze", "Bērziņa", "lv")
EDITOR = Account("editor@example.org", "Mārtiņš", "Kalniņš", "lv")
PARTICIPANT = Account("participant@example.org", "Elīza", "Ozoliņa", "lv")
OTHER = Account("other@example.org", "Mari-Liis", "Tamm")

KOPA = Demo(
    organisation={"name": "Jauniešu centrs Kopā", "town": "Cēsis", "country": "LV"},
    admin=ORGANISER,
    editors=(EDITOR,),
    project={
        "title": "Rivers That Connect Us",
        "format": Format.YOUTH_EXCHANGE,
        "grant_number": "2026-1-LV01-KA152-YOU-000123456",
        "start_date": datetime.date(2026, 7, 6),
        "end_date": datetime.date(2026, 7, 15),
        "venue_town": "Cēsis",
        "venue_country": "LV",
        "description": (
            "Thirty-two young people from Latvia, Estonia, Greece and Ukraine explored the "
            "Gauja river and the communities along it, recorded a podcast series about "
            "what rivers mean to their towns and organised a riverbank clean-up with "
            "local volunteers."
        ),
    },
    people=(
        Person(
            PARTICIPANT,
            Status.ISSUED,
            date_of_birth=datetime.date(2005, 3, 14),
            place_of_birth="Valmiera",
            outcomes={
                "multilingual": (
                    "Apmaiņas laikā katru dienu runāju angliski ar dalībniekiem no Grieķijas, "
                    "Igaunijas un Ukrainas. Iemācījos pārjautāt, kad kaut ko nesaprotu, un "
                    "pateikt savu domu vienkāršākiem vārdiem. Tagad zinu arī dažas frāzes "
                    "grieķu un ukraiņu valodā."
                ),
                "digital": (
                    "I recorded and edited three episodes of our podcast in Audacity: I "
                    "learned to remove background noise, to cut an interview without "
                    "changing its meaning, and to publish the episodes under a Creative "
                    "Commons licence with the written consent of everyone we recorded."
                ),
                "personal_social_learning": (
                    "Es vadīju rīta refleksijas grupu. Sapratu, ka mācos vislabāk, ja katra "
                    "vakara beigās pierakstu trīs lietas, ko esmu iemācījusies, un pārrunāju "
                    "tās ar mentori. Kad grupā radās strīds par darba sadali, es ierosināju "
                    "balsot, un tas palīdzēja."
                ),
                "citizenship": (
                    "Together with the youth council of Cēsis we organised a clean-up of the "
                    "Gauja riverbank with forty local volunteers and presented three "
                    "proposals for a safer river path to the municipality."
                ),
                "cultural_awareness": (
                    "Sagatavoju darbnīcu par latviešu tautasdziesmām un Jāņu tradīcijām. "
                    "Ieraudzīju, cik daudz kopīga ir mūsu un grieķu dalībnieku svētku "
                    "dziesmām, un kopā iestudējām vienu dziesmu abās valodās."
                ),
            },
            returned_with=(
                "Paldies, Elīza! Lūdzu, digitālās kompetences aprakstā uzraksti, ko tieši tu "
                "pati izdarīji podkāsta tapšanā."
            ),
            approved_with="Lieliski aprakstīts. Paldies!",
            languages=("en", "lv"),
        ),
        Person(
            Account("giorgos.papadopoulos@example.org", "Γιώργος", "Παπαδόπουλος"),
            Status.ISSUED,
            date_of_birth=datetime.date(2003, 11, 2),
            place_of_birth="Θεσσαλονίκη",
            outcomes={
                "multilingual": (
                    "I led the evening language café and taught twenty participants basic "
                    "Greek greetings; in return I learned to introduce myself in Latvian "
                    "and Ukrainian."
                ),
                "stem": (
                    "I measured the water quality at four points of the Gauja with a test "
                    "kit, recorded the results in a table and explained them in our final "
                    "exhibition."
                ),
                "entrepreneurship": (
                    "I proposed selling our podcast stickers at the town market to fund a "
                    "second clean-up day; we raised 140 euros and the day took place."
                ),
            },
            approved_with="Clear and concrete, thank you.",
            languages=("en",),
        ),
        Person(
            Account("olena.kovalenko@example.org", "Олена", "Коваленко"),
            Status.APPROVED,
            date_of_birth=datetime.date(2006, 1, 23),
            place_of_birth="Львів",
            outcomes={
                "literacy": (
                    "I wrote the scripts for two podcast episodes and learned to shorten "
                    "my texts so that they are easy to follow when spoken."
                ),
                "personal_social_learning": (
                    "Living with people from four countries taught me to say openly when "
                    "I need a quiet hour, and to ask others what they need."
                ),
            },
        ),
        Person(
            Account("rasmus.kask@example.org", "Rasmus", "Kask"),
            Status.RETURNED,
            date_of_birth=datetime.date(2004, 8, 9),
            place_of_birth="Pärnu",
            outcomes={
                "citizenship": "I took part in the clean-up.",
            },
            returned_with=(
                "Thank you, Rasmus! This is a good start. Could you add one concrete example "
                "of what you did yourself during the clean-up, and what you would do "
                "differently next time?"
            ),
        ),
        Person(
            Account("kristiana.liepina@example.org", "Kristiāna", "Liepiņa", "lv"),
            Status.SUBMITTED,
            date_of_birth=datetime.date(2007, 5, 30),
            place_of_birth="Cēsis",
            outcomes={
                "cultural_awareness": (
                    "Kopā ar ukraiņu dalībniekiem uzzīmējām sienas gleznojumu par upēm "
                    "mūsu pilsētās. Iemācījos ieklausīties citu idejās, pirms piedāvāju savu."
                ),
                "entrepreneurship": (
                    "Es noorganizēju noslēguma izstādi: atradu telpu, sarunāju ar muzeju un "
                    "sastādīju dežūru grafiku."
                ),
            },
        ),
        Person(
            Account("andrii.shevchuk@example.org", "Андрій", "Шевчук"),
            Status.ACTIVE,
            outcomes={
                "digital": "I learned to make short videos for social media with my phone.",
            },
        ),
        Person(Account("eleni.nikolaou@example.org", "Ελένη", "Νικολάου"), Status.INVITED),
        Person(Account("girts.kenins@example.org", "Ģirts", "Ķēniņš", "lv"), Status.ADDED),
    ),
)

NOORTE_HAAL = Demo(
    organisation={"name": "MTÜ Noorte Hääl", "town": "Tartu", "country": "EE"},
    admin=OTHER,
    project={
        "title": "Rohelised hoovid – Green Courtyards of Supilinn",
        "format": Format.SOLIDARITY_PROJECT,
        "grant_number": "2026-1-EE01-ESC30-SOL-000234567",
        "start_date": datetime.date(2026, 4, 1),
        "end_date": datetime.date(2026, 12, 31),
        "venue_town": "Tartu",
        "venue_country": "EE",
        "description": (
            "Five young people from Tartu turn three neglected courtyards of the Supilinn "
            "district into shared gardens together with their neighbours."
        ),
    },
    people=(
        Person(
            Account("kart.poder@example.org", "Kärt", "Põder"),
            Status.ACTIVE,
            outcomes={
                "citizenship": (
                    "I went from door to door in Herne street and persuaded eleven "
                    "neighbours to join the first planting day."
                ),
            },
        ),
        Person(Account("juri.magi@example.org", "Jüri", "Mägi"), Status.INVITED),
        Person(Account("triin.soot@example.org", "Triin", "Sööt"), Status.ADDED),
    ),
)


class Command(BaseCommand):
    help = "Load demo organisations, projects, participants and certificates. DEBUG only."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts whose password is published; it runs only "
                "with DEBUG=1, never on a production site."
            )
        self.added = []
        with transaction.atomic():
            self.account(SITE_ADMIN, superuser=True)
            projects = [self.seed(demo) for demo in (KOPA, NOORTE_HAAL)]
        self.report(projects)

    def account(self, account: Account, superuser=False) -> User:
        user = User.objects.filter(email__iexact=account.email).first()
        if user is None:
            create = User.objects.create_superuser if superuser else User.objects.create_user
            user = create(
                email=account.email,
                password=DEMO_PASSWORD,
                first_name=account.first_name,
                last_name=account.last_name,
                language=account.language,
            )
            self.added.append(user)
        return user

    def seed(self, demo: Demo) -> Project:
        organisation, created = Organisation.objects.get_or_create(
            name=demo.organisation["name"], defaults=demo.organisation
        )
        if created:
            self.added.append(organisation)
        admin = self.account(demo.admin)
        self.member(organisation, admin, Role.ADMIN)
        for editor in demo.editors:
            self.member(organisation, self.account(editor), Role.EDITOR)

        project, created = Project.objects.get_or_create(
            organisation=organisation,
            title=demo.project["title"],
            defaults={**demo.project, "created_by": admin},
        )
        if created:
            self.added.append(project)
        for person in demo.people:
            participant, created = Participant.objects.get_or_create(
                project=project,
                email=person.account.email,
                defaults={
                    "first_name": person.account.first_name,
                    "last_name": person.account.last_name,
                    "date_of_birth": person.date_of_birth,
                    "place_of_birth": person.place_of_birth,
                },
            )
            # A participant who is already there may have moved on since (the demo is
            # there to be clicked through); only a new one is taken through the process.
            if created:
                self.added.append(participant)
                self.take_through_process(participant, person, admin)
        return project

    def member(self, organisation, user, role):
        membership, created = Membership.objects.get_or_create(
            organisation=organisation, user=user, defaults={"role": role}
        )
        if created:
            self.added.append(membership)

    def take_through_process(self, participant: Participant, person: Person, organiser: User):
        """Move a new participant to the person's state the way people do it on the site."""
        if person.status == Status.ADDED:
            return
        invitation, _token = participant.invite(organiser)
        if person.status == Status.INVITED:
            return
        invitation.accept(self.account(person.account))
        LearningOutcome.objects.bulk_create(
            LearningOutcome(participant=participant, competence=key, text=text)
            for key, text in person.outcomes.items()
        )
        if person.status == Status.ACTIVE:
            return
        participant.submit()
        if person.returned_with:
            participant.return_for_changes(organiser, person.returned_with)
            if person.status == Status.RETURNED:
                return
            participant.submit()
        if person.status == Status.SUBMITTED:
            return
        participant.approve(organiser, person.approved_with)
        for language in person.languages:
            Certificate.issue_for(participant, organiser, language)

    def report(self, projects):
        if self.added:
            self.stdout.write(self.style.SUCCESS(f"Added {len(self.added)} demo records."))
        else:
            self.stdout.write("The demo data was already in place; nothing changed.")

        self.stdout.write(f"\nLog in at {settings.SITE_URL}/ with the password {DEMO_PASSWORD} as:")
        logins = [
            (SITE_ADMIN, "site admin, /admin/"),
            (ORGANISER, f"organisation admin of {KOPA.organisation['name']}"),
            (EDITOR, f"editor in {KOPA.organisation['name']}"),
            (PARTICIPANT, "participant with issued certificates"),
            (OTHER, f"organisation admin of {NOORTE_HAAL.organisation['name']}"),
        ]
        width = max(len(account.email) for account, _role in logins)
        for account, role in logins:
            self.stdout.write(f"  {account.email:<{width}}  {role}")

        certificates = (
            Certificate.objects.filter(participant__project__in=projects)
            .select_related("participant")
            .order_by("participant__last_name", "language")
        )
        self.stdout.write("\nIssued certificates:")
        for certificate in certificates:
            self.stdout.write(
                f"  {certificate.certificate_id}  {certificate.language}  "
                f"{settings.SITE_URL}/verify/{certificate.certificate_id}/  "
                f"{certificate.participant.full_name}"
            )
