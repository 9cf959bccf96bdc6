"""The demo's people, organisations, projects and what they wrote, as plain data.

Two organisations with their addresses and logos, their projects with partner
organisations and activities, participants in every state of the process and the
certificates issued to them. A supervisor and a mentor read what a participant shares
from her learning plan and journal and give feedback; the supervisor's assessment, which
she agreed to, is also there for a trainee in a small traineeship, ready to be issued.
demo.seed turns this into rows.
"""

import datetime
import unicodedata
from dataclasses import dataclass, field

from participants.models import Goal, ParticipantRole, ParticipantState
from projects.formats import Format
from support.models import SupportRole

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
    state: ParticipantState
    date_of_birth: datetime.date | None = None
    place_of_birth: str = ""
    outcomes: dict[str, str] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)  # the format's extra sections
    # The events of a volunteer's training and evaluation cycle, recorded by the organisers.
    training_cycle: tuple[tuple[str, datetime.date | None], ...] = ()
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
                    ParticipantState.INVITED
                    if len(people) % invited_every
                    else ParticipantState.ADDED,
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
VOLUNTEER = Account("volunteer@example.org", "Anete", "Vītola", "lv")

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
            ParticipantState.ISSUED,
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
            ParticipantState.ISSUED,
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
            ParticipantState.APPROVED,
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
            ParticipantState.RETURNED,
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
            ParticipantState.SUBMITTED,
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
            ParticipantState.ACTIVE,
            outcomes={
                "digital": "I learned to make short videos for social media with my phone.",
            },
        ),
        Person(
            Account("eleni.nikolaou@example.org", "Ελένη", "Νικολάου"), ParticipantState.INVITED
        ),
        Person(
            Account("girts.kenins@example.org", "Ģirts", "Ķēniņš", "lv"), ParticipantState.ADDED
        ),
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
            ParticipantState.ACTIVE,
            outcomes={
                "citizenship": (
                    "I went from door to door in Herne street and persuaded eleven "
                    "neighbours to join the first planting day."
                ),
            },
        ),
        Person(Account("juri.magi@example.org", "Jüri", "Mägi"), ParticipantState.INVITED),
        Person(Account("triin.soot@example.org", "Triin", "Sööt"), ParticipantState.ADDED),
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
            ParticipantState.APPROVED,
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


HUMANITARIAN_AID = Demo(
    organisation=KOPA.organisation,
    admin=ORGANISER,
    project={
        "title": "Water, School and Play in Moldova",
        "format": Format.HUMANITARIAN_AID_VOLUNTEERING,
        "start_date": datetime.date(2026, 2, 2),
        "end_date": datetime.date(2026, 7, 31),
        "venue_town": "Chișinău",
        "venue_country": "MD",
        "description": (
            "Volunteers support a local partner that runs after-school play and learning "
            "groups for children of families who fled the war in Ukraine, and keeps the "
            "water and hygiene points of two reception centres working."
        ),
    },
    people=(
        Person(
            VOLUNTEER,
            ParticipantState.ISSUED,
            date_of_birth=datetime.date(2000, 11, 3),
            place_of_birth="Valmiera",
            outcomes={
                "personal_social_learning": (
                    "I learned to keep calm and kind when the day's plan changed three times "
                    "before noon, and to ask my team for help before I was exhausted."
                ),
                "multilingual": (
                    "I started in Russian and Romanian from zero; after six months I run a "
                    "play group and explain the hand-washing rules in both."
                ),
                "citizenship": (
                    "I now understand how the humanitarian principles guide everyday "
                    "decisions, from who gets a place in a group to what we post online."
                ),
            },
            sections={
                "tasks": (
                    "Running afternoon play groups for 15 to 20 children four days a week; "
                    "checking and restocking two water and hygiene points every morning; "
                    "keeping the attendance records of the groups."
                ),
                "training_activities": (
                    "A course in psychological first aid for children (Chișinău, March 2026); "
                    "weekly Romanian lessons with a local teacher."
                ),
            },
            training_cycle=(
                ("pre_departure", datetime.date(2026, 1, 19)),
                ("on_arrival", datetime.date(2026, 2, 9)),
                ("mid_term", datetime.date(2026, 5, 4)),
            ),
            approved_with="Paldies, Anete!",
            languages=("en",),
        ),
    ),
)


# In the order they are seeded.
DEMOS = (KOPA, TRAINEESHIP, HUMANITARIAN_AID, NOORTE_HAAL)

# The accounts `seed_demo` lists at the end, with what each of them shows.
LOGINS = (
    (SITE_ADMIN, "site admin, /admin/"),
    (ORGANISER, f"organisation admin of {KOPA.organisation['name']}"),
    (EDITOR, f"editor in {KOPA.organisation['name']}"),
    (PARTICIPANT, "participant with issued certificates, a learning plan and journal"),
    (SUPERVISOR, f"supervisor of {PARTICIPANT.first_name} and of the trainee"),
    (MENTOR, f"mentor of {PARTICIPANT.first_name} and {RASMUS.first_name}"),
    (TRAINEE, "trainee with an agreed supervisor's assessment, ready to be issued"),
    (VOLUNTEER, "humanitarian aid volunteer whose certificate names the training cycle"),
    (OTHER, f"organisation admin of {NOORTE_HAAL.organisation['name']}"),
)
