"""Demo data for a development or demo server: `manage.py seed_demo`.

Two organisations with their addresses and logos, their projects with partner
organisations and activities, participants in every state of the process and issued
certificates with real PDFs. A supervisor and a mentor read what a participant shares
from her learning plan and journal and give feedback; the supervisor's assessment, which
she agreed to, is also there for a trainee in a small traineeship, ready to be issued.
Rows are looked up by their natural keys (e-mail, name, title), so running the command
again adds what is missing and changes nothing that is already there, including
whatever visitors of the demo did with it.
"""

import datetime
import io
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from accounts.models import User
from certificates.models import Certificate
from participants.learning_forms import reencode_photo
from participants.models import (
    Goal,
    JournalEntry,
    LearningOutcome,
    Participant,
    ParticipantRole,
    Status,
)
from projects.formats import Format
from projects.logos import reencode_logo
from projects.models import (
    Activity,
    Membership,
    MembershipRole,
    Organisation,
    PartnerOrganisation,
    Project,
)
from support.models import SupervisorAssessment, SupportPerson, SupportRole

FONT = settings.BASE_DIR / "static" / "certificates" / "fonts" / "NotoSans-Bold.ttf"
DEMO_PASSWORD = "youthpass-demo"  # noqa: S105 - published on purpose, see the DEBUG check


@dataclass(frozen=True)
class Account:
    email: str
    first_name: str = ""
    last_name: str = ""
    language: str = "en"


@dataclass(frozen=True)
class PlanGoal:
    """A goal of a learning plan; feedback is (support person's account, text)."""

    title: str
    competence: str = ""
    how: str = ""
    helpers: str = ""
    success: str = ""
    state: str = Goal.State.OPEN
    shared: bool = False
    feedback: tuple[tuple[Account, str], ...] = ()


@dataclass(frozen=True)
class Entry:
    """A journal entry, one per day, with a photo drawn on the spot if `photo` is set."""

    date: datetime.date
    text: str
    competences: tuple[str, ...] = ()
    shared: bool = False
    photo: bool = False
    feedback: tuple[tuple[Account, str], ...] = ()


@dataclass(frozen=True)
class Assessment:
    supervisor: Account
    text: str
    agreed: bool = True


@dataclass(frozen=True)
class Person:
    """A participant and how far through the process the demo takes them."""

    account: Account
    status: Status
    date_of_birth: datetime.date | None = None
    place_of_birth: str = ""
    outcomes: dict[str, str] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)  # the format's extra sections
    returned_with: str = ""  # the organiser's comment when sending the text back
    approved_with: str = ""
    languages: tuple[str, ...] = ()  # certificates issued, one per language
    goals: tuple[PlanGoal, ...] = ()
    journal: tuple[Entry, ...] = ()
    assessment: Assessment | None = None
    role: str = ParticipantRole.PARTICIPANT
    country: str = ""


@dataclass(frozen=True)
class Helper:
    """A support person who has accepted their invitation, and the people they support."""

    account: Account
    role: SupportRole
    supports: tuple[Account, ...]


@dataclass(frozen=True)
class Logo:
    """A logo drawn on the spot: a coloured tile with the organisation's short name."""

    text: str
    background: str
    foreground: str = "#ffffff"


@dataclass(frozen=True)
class Demo:
    organisation: dict
    admin: Account
    project: dict
    people: tuple[Person, ...]
    editors: tuple[Account, ...] = ()
    logo: Logo | None = None
    partners: tuple[dict, ...] = ()
    activities: tuple[dict, ...] = ()
    support: tuple[Helper, ...] = ()
    # Participants added from a list and not yet in: enough people for the dashboard.
    crowd: tuple[Person, ...] = ()


def crowd(groups, invited_every=2):
    """Participants added (and every `invited_every`-th one invited) from name lists.

    `groups` holds (country, e-mail language, names); the first name of each group is its
    group leader.
    """
    people = []
    for country, language, names in groups:
        for number, (first_name, last_name) in enumerate(names):
            local = f"{first_name}.{last_name}".lower()
            ascii_local = "".join(
                c for c in unicodedata.normalize("NFKD", local) if c.isascii()
            ).strip(".")
            # Names in Greek or Cyrillic letters get an address by their group.
            email = ascii_local if "." in ascii_local else f"{country.lower()}.{number + 1}"
            leader = number == 0
            people.append(
                Person(
                    Account(f"{email}@example.org", first_name, last_name, language),
                    Status.INVITED if len(people) % invited_every else Status.ADDED,
                    role=ParticipantRole.GROUP_LEADER if leader else ParticipantRole.PARTICIPANT,
                    country=country,
                )
            )
    return tuple(people)


SITE_ADMIN = Account("admin@example.org")
ORGANISER = Account("organiser@example.org", "Ilze", "Bērziņa", "lv")
EDITOR = Account("editor@example.org", "Mārtiņš", "Kalniņš", "lv")
PARTICIPANT = Account("participant@example.org", "Elīza", "Ozoliņa", "lv")
OTHER = Account("other@example.org", "Mari-Liis", "Tamm")
SUPERVISOR = Account("supervisor@example.org", "Dace", "Kļaviņa", "lv")
MENTOR = Account("mentor@example.org", "Kristaps", "Lapiņš", "lv")
TRAINEE = Account("trainee@example.org", "Marta", "Krūmiņa", "lv")
RASMUS = Account("rasmus.kask@example.org", "Rasmus", "Kask")

KOPA = Demo(
    organisation={
        "name": "Jauniešu centrs Kopā",
        "street": "Valmieras iela 19",
        "postcode": "LV-4101",
        "town": "Cēsis",
        "country": "LV",
        "website": "https://kopa.example.org",
        "signatory_name": "Ilze Bērziņa",
        "signatory_role": "Director",
    },
    admin=ORGANISER,
    editors=(EDITOR,),
    logo=Logo("KOPĀ", "#c8102e"),
    partners=(
        {"name": "MTÜ Noorte Hääl", "town": "Tartu", "country": "EE"},
        {"name": "Κέντρο Νεότητας Καλαμαριάς", "town": "Θεσσαλονίκη", "country": "GR"},
        {"name": "ГО «Молодь Львова»", "town": "Львів", "country": "UA"},
    ),
    activities=(
        {
            "title": "Advance planning visit",
            "start_date": datetime.date(2026, 5, 14),
            "end_date": datetime.date(2026, 5, 16),
            "venue_town": "Cēsis",
            "venue_country": "LV",
            "organisations_in_charge": (
                "Jauniešu centrs Kopā with one youth leader from each partner organisation"
            ),
            "aims": (
                "To meet the venue and the people of Cēsis, to agree the programme and the "
                "safety plan, and to plan how participants with fewer opportunities take "
                "part on an equal footing."
            ),
            "activities": (
                "A walk along the Gauja with the local rangers; a workshop in which the "
                "leaders drafted the programme day by day; a meeting with the youth council "
                "of Cēsis about the clean-up."
            ),
            "results": (
                "A programme, a safety plan and a shared list of tasks, signed by all four "
                "partners; a budget for travel support for two participants."
            ),
        },
        {
            "title": "Youth exchange “Rivers That Connect Us”",
            "start_date": datetime.date(2026, 7, 6),
            "end_date": datetime.date(2026, 7, 15),
            "venue_town": "Cēsis",
            "venue_country": "LV",
            "organisations_in_charge": (
                "Jauniešu centrs Kopā (host), MTÜ Noorte Hääl, "
                "Κέντρο Νεότητας Καλαμαριάς, ГО «Молодь Львова»"
            ),
            "aims": (
                "To explore what rivers mean to the towns along them, to learn to tell "
                "these stories as podcasts, and to act for a cleaner river together with "
                "the local community."
            ),
            "activities": (
                "Ten days of workshops on interviewing, sound recording and editing; field "
                "trips to three villages on the Gauja; a language café every evening; a "
                "riverbank clean-up with forty local volunteers; a final exhibition in the "
                "Cēsis History and Art Museum."
            ),
            "results": (
                "Six podcast episodes in four languages, published under a Creative Commons "
                "licence; 1.2 tonnes of waste collected; three proposals for a safer river "
                "path presented to the municipality."
            ),
        },
    ),
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
        "print_part3": True,
        "deadline": datetime.date(2026, 12, 14),
        "reminder_days": [7, 1],
    },
    crowd=crowd(
        (
            (
                "LV",
                "lv",
                (
                    ("Laura", "Liepiņa"),
                    ("Roberts", "Zariņš"),
                    ("Anete", "Vītola"),
                    ("Dāvis", "Ozols"),
                    ("Keita", "Kalniņa"),
                    ("Gustavs", "Krūmiņš"),
                ),
            ),
            (
                "EE",
                "en",
                (
                    ("Kadri", "Saar"),
                    ("Mihkel", "Sepp"),
                    ("Liisa", "Mägi"),
                    ("Karl", "Rebane"),
                    ("Grete", "Kuusk"),
                    ("Oskar", "Ilves"),
                ),
            ),
            (
                "GR",
                "en",
                (
                    ("Ελένη", "Παπαδοπούλου"),
                    ("Νίκος", "Γεωργίου"),
                    ("Μαρία", "Οικονόμου"),
                    ("Γιάννης", "Βασιλείου"),
                    ("Σοφία", "Αντωνίου"),
                    ("Δημήτρης", "Νικολάου"),
                ),
            ),
            (
                "UA",
                "en",
                (
                    ("Олена", "Коваль"),
                    ("Андрій", "Шевченко"),
                    ("Ірина", "Бондаренко"),
                    ("Максим", "Ткаченко"),
                    ("Софія", "Мельник"),
                    ("Богдан", "Кравченко"),
                ),
            ),
        )
    ),
    support=(
        Helper(SUPERVISOR, SupportRole.SUPERVISOR, (PARTICIPANT,)),
        Helper(MENTOR, SupportRole.MENTOR, (PARTICIPANT, RASMUS)),
    ),
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
            goals=(
                PlanGoal(
                    "Iemācīties pašai samontēt podkāsta epizodi",
                    competence="digital",
                    how=(
                        "Divās darbnīcās kopā ar Giorgos, pēc tam pati ar savu interviju "
                        "Audacity programmā."
                    ),
                    helpers="Giorgos, kurš pērn montēja radio raidījumu; mentors Kristaps.",
                    success=(
                        "Varu izgriezt fona troksni un saīsināt interviju, nemainot tās jēgu, "
                        "un epizode ir publicēta."
                    ),
                    state=Goal.State.REACHED,
                ),
                PlanGoal(
                    "Lead the morning reflection group in English",
                    competence="multilingual",
                    how=(
                        "Every morning of the exchange, twenty minutes with six participants. "
                        "I prepare three questions the evening before."
                    ),
                    helpers="My mentor Kristaps; Giorgos, who led a group last year.",
                    success=(
                        "The group keeps talking without me filling every silence, and I no "
                        "longer write down each sentence in advance."
                    ),
                    shared=True,
                    feedback=(
                        (
                            SUPERVISOR,
                            "A good plan. Try ending each morning by asking one participant to "
                            "sum up: it takes the pressure off you and shows you whether the "
                            "questions worked.",
                        ),
                    ),
                ),
                PlanGoal(
                    "Prezentēt mūsu ierosinājumus pašvaldībai bez lapas ar tekstu",
                    competence="citizenship",
                    how="Izmēģināt prezentāciju grupai divas dienas iepriekš.",
                    success="Runāju brīvi vismaz piecas minūtes un atbildu uz jautājumiem.",
                ),
            ),
            journal=(
                Entry(
                    datetime.date(2026, 7, 7),
                    "First morning group. I had prepared far too many questions: after the "
                    "second one the group started talking on its own about yesterday's river "
                    "walk. Giorgos asked me to speak more slowly, which was fair.",
                    competences=("multilingual", "personal_social_learning"),
                    shared=True,
                    photo=True,
                    feedback=(
                        (
                            SUPERVISOR,
                            "Noticing that you over-prepared is a good catch. Next time pick "
                            "one question and keep the others in your pocket.",
                        ),
                    ),
                ),
                Entry(
                    datetime.date(2026, 7, 10),
                    "Šodien ierakstījām interviju ar makšķernieku pie Gaujas. Pirmo reizi "
                    "pati montēju: izgriezu divpadsmit minūtes, bet saglabāju viņa stāstu par "
                    "1998. gada plūdiem. Pajautāju, vai drīkstam publicēt ar Creative Commons "
                    "licenci, un viņš parakstīja piekrišanu.",
                    competences=("digital", "citizenship"),
                    shared=True,
                ),
                Entry(
                    datetime.date(2026, 7, 12),
                    "Strīds par darba sadali izstādei. Jutos nesadzirdēta. Rīt gribu ierosināt "
                    "balsot, bet vēl nezinu, kā to pateikt, lai neviens neapvainojas.",
                    competences=("personal_social_learning",),
                ),
            ),
            assessment=Assessment(
                SUPERVISOR,
                "Elīza vadīja rīta refleksijas grupu visas apmaiņas laikā. Viņa sagatavojās "
                "rūpīgi, ieklausījās dalībniekos un mainīja plānu, kad grupai vajadzēja ko "
                "citu.\n\nShe edited three podcast episodes on her own and made sure that "
                "everyone we recorded had given written consent. I would gladly work with "
                "her again.",
            ),
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
            RASMUS,
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
    organisation={
        "name": "MTÜ Noorte Hääl",
        "street": "Herne 42",
        "postcode": "50407",
        "town": "Tartu",
        "country": "EE",
        "signatory_name": "Mari-Liis Tamm",
        "signatory_role": "Chair of the board",
    },
    admin=OTHER,
    logo=Logo("NH", "#00837a"),
    partners=({"name": "Tartu Linnavalitsus", "town": "Tartu", "country": "EE"},),
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


TRAINEESHIP = Demo(
    organisation=KOPA.organisation,
    admin=ORGANISER,
    project={
        "title": "Jauniešu balss – digitālās komunikācijas prakse",
        "format": Format.TRAINEESHIP_JOB,
        "start_date": datetime.date(2026, 3, 2),
        "end_date": datetime.date(2026, 8, 28),
        "venue_town": "Cēsis",
        "venue_country": "LV",
        "description": (
            "A six-month traineeship in the communication team of the youth centre: social "
            "media, the centre's newsletter in Latvian and English, and the podcast studio."
        ),
    },
    support=(Helper(SUPERVISOR, SupportRole.SUPERVISOR, (TRAINEE,)),),
    people=(
        Person(
            TRAINEE,
            Status.APPROVED,
            date_of_birth=datetime.date(2002, 9, 18),
            place_of_birth="Sigulda",
            outcomes={
                "digital": (
                    "Es plānoju un publicēju jauniešu centra sociālo tīklu saturu sešus "
                    "mēnešus, trīs ierakstus nedēļā, un iemācījos lasīt statistiku, lai "
                    "saprastu, kas sekotājus tiešām interesē."
                ),
                "literacy": (
                    "I wrote and laid out four issues of the centre's newsletter in Latvian "
                    "and English, and learned to write short texts for people who only skim."
                ),
                "entrepreneurship": (
                    "I proposed and ran a podcast studio hour for volunteers; two of them now "
                    "record on their own."
                ),
            },
            sections={
                "professional_competences": (
                    "Content planning and publishing for social media (Meta Business Suite); "
                    "newsletter layout in Canva; recording and editing audio in Audacity; "
                    "basic photo editing; coordinating deadlines with five colleagues."
                ),
            },
            approved_with="Paldies, Marta! Viss skaidri aprakstīts.",
            goals=(
                PlanGoal(
                    "Plan a month of social media posts before it starts",
                    competence="digital",
                    how="A shared calendar, reviewed with Dace every last Friday of the month.",
                    state=Goal.State.REACHED,
                    shared=True,
                    feedback=(
                        (
                            SUPERVISOR,
                            "The May calendar was the first one I did not have to change. "
                            "Well done.",
                        ),
                    ),
                ),
            ),
            assessment=Assessment(
                SUPERVISOR,
                "Marta joined our communication team in March and within a month ran the "
                "social media calendar on her own. She is precise with facts and deadlines, "
                "asks early when something is unclear, and took the initiative to train two "
                "volunteers in the podcast studio.\n\nViņas sagatavotie jaunumu izdevumi "
                "vienmēr bija laikā un kvalitatīvi. I recommend her warmly for any "
                "communication role.",
            ),
        ),
    ),
)


def draw_photo() -> SimpleUploadedFile:
    """A photo as a participant would upload it: a river at dusk, to go through the same checks."""
    image = Image.new("RGB", (960, 640), "#f4b860")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 300, 960, 640), fill="#2e6f40")
    draw.polygon([(380, 640), (560, 640), (500, 300), (470, 300)], fill="#3b7dd8")
    draw.ellipse((620, 90, 760, 230), fill="#fff3c4")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    return SimpleUploadedFile("IMG_0042.jpg", buffer.getvalue(), content_type="image/jpeg")


def draw_logo(logo: Logo) -> SimpleUploadedFile:
    """The logo as an organisation would upload it, to go through the same checks."""
    image = Image.new("RGBA", (480, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, 479, 239), radius=36, fill=logo.background)
    font = ImageFont.truetype(str(FONT), 120)
    draw.text((240, 120), logo.text, font=font, fill=logo.foreground, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


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
            projects = [self.seed(demo) for demo in (KOPA, TRAINEESHIP, NOORTE_HAAL)]
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
            if demo.logo:
                organisation.logo = reencode_logo(draw_logo(demo.logo))
                organisation.save(update_fields=["logo"])
        admin = self.account(demo.admin)
        self.member(organisation, admin, MembershipRole.ADMIN)
        for editor in demo.editors:
            self.member(organisation, self.account(editor), MembershipRole.EDITOR)

        project, created = Project.objects.get_or_create(
            organisation=organisation,
            title=demo.project["title"],
            defaults={**demo.project, "created_by": admin},
        )
        if created:
            self.added.append(project)
        # Before anyone is taken through the process: the certificates issued below
        # print the partners and activities.
        for partner in demo.partners:
            self.row(PartnerOrganisation, project=project, name=partner["name"], defaults=partner)
        for activity in demo.activities:
            self.row(Activity, project=project, title=activity["title"], defaults=activity)
        helpers = {helper: self.support_person(project, helper, admin) for helper in demo.support}
        for person in (*demo.people, *demo.crowd):
            participant, created = Participant.objects.get_or_create(
                project=project,
                email=person.account.email,
                defaults={
                    "first_name": person.account.first_name,
                    "last_name": person.account.last_name,
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
                self.added.append(participant)
                self.take_through_process(participant, person, admin, support)
            elif participant.user_id:
                self.learn(participant, person, support)
        return project

    def support_person(self, project, helper: Helper, organiser) -> tuple[SupportPerson, bool]:
        """The helper's role in the project, invited and accepted as on the site."""
        support_person, created = SupportPerson.objects.get_or_create(
            project=project,
            email=helper.account.email,
            role=helper.role,
            defaults={
                "first_name": helper.account.first_name,
                "last_name": helper.account.last_name,
            },
        )
        if created:
            self.added.append(support_person)
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
            item, created = Goal.objects.get_or_create(
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
                self.added.append(item)
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
                item.photo.save("photo.jpg", reencode_photo(draw_photo()), save=False)
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

    def row(self, model, defaults, **natural_key):
        obj, created = model.objects.get_or_create(**natural_key, defaults=defaults)
        if created:
            self.added.append(obj)

    def member(self, organisation, user, role):
        membership, created = Membership.objects.get_or_create(
            organisation=organisation, user=user, defaults={"role": role}
        )
        if created:
            self.added.append(membership)

    def take_through_process(
        self, participant: Participant, person: Person, organiser: User, support: dict
    ):
        """Move a new participant to the person's state the way people do it on the site."""
        if person.status == Status.ADDED:
            return
        invitation, _token = participant.invite(organiser)
        if person.status == Status.INVITED:
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
        if person.status == Status.ACTIVE:
            return
        # Everyone who has submitted went through their personal data first.
        participant.personal_data_checked_at = timezone.now()
        participant.save(update_fields=["personal_data_checked_at"])
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
            (PARTICIPANT, "participant with issued certificates, a learning plan and journal"),
            (SUPERVISOR, f"supervisor of {PARTICIPANT.first_name} and of the trainee"),
            (MENTOR, f"mentor of {PARTICIPANT.first_name} and {RASMUS.first_name}"),
            (TRAINEE, "trainee with an agreed supervisor's assessment, ready to be issued"),
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
