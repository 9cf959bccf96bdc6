"""How fast, how big and how lean the certificate renderer is.

    DEBUG=1 .venv/bin/python benchmarks/pdf.py [--renders N] [--memory-renders N]
                                               [--worker-renders M]

Renders one full certificate (8 competences of ~160 words in Latvian with Greek and
Cyrillic, a ~420-word project description, partners and Part 3) in long-lived processes,
and prints each figure next to its goal from issue 3:

- plain `weasyprint.HTML(string=...).write_pdf()`, tagged PDF/A-3a as well, against the
  project's renderer (`certificates.rendering.render_certificate_pdf`, which also makes
  the HTML, the QR code, the PDF/A metadata and the embedded JSON): median and p90, and
  the ratio;
- resident memory after 10 and after --memory-renders renders, in a fresh process;
- PDFs per second with 1 and with 2 worker processes, each rendering M certificates;
- the PDF's size;
- the signed credential and the seal (PAdES signature) on top of a render: median and p90,
  and the bytes the embedded credential and the seal add;
- serving the stored PDF through the download view, against a render;
- the longest input the models allow, rendered once.

Django runs against an in-memory SQLite database and a temporary media directory, so
nothing on disk changes. Machines are noisy: compare figures from one run.
"""

import argparse
import datetime
import logging
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from queue import Empty

BASE_DIR = Path(__file__).resolve().parent.parent

GOAL_SPEED_UP = 1.1
AIM_SPEED_UP = 1.3
GOAL_MEMORY_GROWTH_MB = 10
GOAL_WORKER_SCALING = 1.7
GOAL_SIZE_KB = 60
GOAL_DOWNLOAD_SHARE = 50
# The signed credential and the seal together, on top of the render.
GOAL_SEAL_MS = 60
GOAL_SEAL_KB = 10


def setup_django(media_root: str):
    sys.path.insert(0, str(BASE_DIR))
    os.environ["DJANGO_SETTINGS_MODULE"] = "youthpass_site.settings"
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
    os.environ["MEDIA_ROOT"] = media_root
    import django

    django.setup()


# Text


LATVIAN = (
    "Projektā es iemācījos plānot savu laiku un sadalīt lielu uzdevumu mazākos soļos. "
    "Kopā ar komandu mēs sagatavojām radio raidījumu par upēm un to nozīmi mūsu pilsētās. "
    "Sākumā man bija grūti runāt svešvalodā, bet pēc nedēļas es jutos drošāk un uzdevu "
    "jautājumus arī vietējiem iedzīvotājiem. Es uzzināju, kā sagatavot intervijas "
    "jautājumus, kā ierakstīt skaņu ārā un kā rediģēt ierakstu ar brīvo programmatūru. "
    "Vakaros mēs pārrunājām, kas izdevās un ko nākamreiz darīsim citādi; šīs sarunas "
    "palīdzēja man saprast, kā es mācos vislabāk. Tagad es zinu, ka man patīk strādāt "
    "komandā, ja lomas ir skaidri sadalītas, un ka es spēju uzņemties atbildību par "
    "rezultātu. Ģimenei un draugiem es pastāstīju par projektu un parādīju mūsu darbu. "
)
GREEK = "Μιλήσαμε με τον Γιώργο για τα ποτάμια της Ελλάδας και γράψαμε μαζί ένα σύντομο κείμενο. "
CYRILLIC = "С Оксаной из Харькова мы вели репортаж на трёх языках и учились слушать друг друга. "


def words(count: int, *, offset: int = 0) -> str:
    """About `count` words of Latvian with a sentence in Greek and one in Cyrillic."""
    pool = (LATVIAN + GREEK + LATVIAN + CYRILLIC).split()
    chosen = [pool[(offset + i) % len(pool)] for i in range(count)]
    return " ".join(chosen).rstrip(",;") + "."


def paragraphs(count: int, *, offset: int = 0) -> str:
    third = count // 3
    return "\n\n".join(words(third, offset=offset + i * 37) for i in range(3))


def longest(field_model, field_name: str, word_length: int = 40) -> str:
    """The longest value the model allows, in long words that have to be broken."""
    max_length = field_model._meta.get_field(field_name).max_length
    if max_length is None:
        raise SystemExit(f"{field_model.__name__}.{field_name} has no maximum length.")
    word = ("Ļoti" + "garšvārdsбезпробелов" * 5)[:word_length]
    text = " ".join([word] * (max_length // (word_length + 1) + 1))
    return text[:max_length]


# The certificate


def build_certificate(*, worst_case: bool = False):
    """Issue a full certificate through the models, as the site does, and return it."""
    from django.apps import apps

    from accounts.models import User
    from certificates.models import Certificate, CertificateTooLong, SignatureMode
    from participants.models import LearningOutcome, Participant, ParticipantState
    from projects.formats import Format
    from projects.models import Membership, MembershipRole, Organisation, Project

    suffix = "worst" if worst_case else "full"
    organisation = Organisation.objects.create(
        name=longest(Organisation, "name") if worst_case else "Jauniešu centrs Ģēnijs",
        street=longest(Organisation, "street") if worst_case else "Rīgas iela 1",
        town="Cēsis",
        country="LV",
    )
    for field, value in (("signatory_name", "Ilze Liepiņa"), ("signatory_role", "Valdes locekle")):
        if hasattr(organisation, field):
            setattr(organisation, field, longest(Organisation, field) if worst_case else value)
    organisation.save()
    organiser = User.objects.create(
        email=f"organiser-{suffix}@example.org", first_name="Anna", last_name="Bērziņa"
    )
    Membership.objects.create(organisation=organisation, user=organiser, role=MembershipRole.ADMIN)
    project = Project.objects.create(
        organisation=organisation,
        format=Format.YOUTH_EXCHANGE,
        title=longest(Project, "title") if worst_case else "Upes, kas mūs savieno",
        grant_number="2026-1-LV01-KA152-YOU-000123456",
        start_date=datetime.date(2026, 7, 1),
        end_date=datetime.date(2026, 7, 10),
        venue_town=longest(Project, "venue_town") if worst_case else "Cēsis",
        venue_country="LV",
        description=(
            longest(Project, "description", 60) if worst_case else paragraphs(420, offset=11)
        ),
    )
    add_partners_and_activities(apps, project, worst_case)

    participant = Participant.objects.create(
        project=project,
        first_name=longest(Participant, "first_name") if worst_case else "Γιώργος",
        last_name=longest(Participant, "last_name") if worst_case else "Παπαδόπουλος-Bērziņš",
        email=f"participant-{suffix}@example.org",
        date_of_birth=datetime.date(2004, 5, 17),
        place_of_birth=longest(Participant, "place_of_birth") if worst_case else "Rēzekne",
        state=ParticipantState.ACTIVE,
    )
    keys = [key for key, _name in LearningOutcome._meta.get_field("competence").choices]
    for index, key in enumerate(keys):
        text = (
            longest(LearningOutcome, "text", 120)
            if worst_case
            else paragraphs(160, offset=index * 53)
        )
        LearningOutcome.objects.create(participant=participant, competence=key, text=text)
    participant.submit()
    participant.approve(organiser)
    while True:
        try:
            return Certificate.issue_for(participant, organiser, "lv", SignatureMode.PRINTED)
        except CertificateTooLong:
            if not worst_case:
                raise
            # The worst case that may be issued: every text a tenth shorter until it fits
            # the page limit.
            for outcome in participant.outcomes.all():
                outcome.text = outcome.text[: len(outcome.text) * 9 // 10]
                outcome.save(update_fields=["text"])


def add_partners_and_activities(apps, project, worst_case):
    """Partners and Part 3, where the projects app has them: as many as it allows."""
    try:
        partner_model = apps.get_model("projects", "PartnerOrganisation")
        activity_model = apps.get_model("projects", "Activity")
    except LookupError:
        return
    from projects import models

    partners = [("Noorte Hääl", "EE"), ("Νεολαία Θεσσαλονίκης", "GR"), ("Молодь Харкова", "UA")]
    if worst_case:
        partners = [(longest(partner_model, "name"), "EE")] * models.MAX_PARTNERS
    for name, country in partners:
        partner_model.objects.create(project=project, name=name, town="Tartu", country=country)
    for index in range(models.MAX_ACTIVITIES if worst_case else 2):
        fields = {"organisations_in_charge": "Jauniešu centrs Ģēnijs, Noorte Hääl"}
        for field in ("aims", "activities", "results"):
            fields[field] = (
                longest(activity_model, field) if worst_case else words(60, offset=index * 7)
            )
        activity_model.objects.create(
            project=project,
            title=f"Darbnīca {index + 1}: upes skaņas",
            start_date=datetime.date(2026, 7, 1) + datetime.timedelta(days=index % 9),
            end_date=datetime.date(2026, 7, 2) + datetime.timedelta(days=index % 9),
            venue_town="Cēsis",
            venue_country="LV",
            **fields,
        )
    if hasattr(project, "print_part3"):
        project.print_part3 = True
        project.save(update_fields=["print_part3"])


def detached(data: dict):
    """A certificate object for rendering only, made in a process without the database."""
    from certificates.models import Certificate

    return Certificate(
        certificate_id=data["certificate_id"],
        language=data["language"],
        snapshot=data["snapshot"],
        issued_at=data["issued_at"],
    )


def plain_html(certificate) -> str:
    """The same document for plain WeasyPrint: the stylesheet linked, not passed in."""
    from certificates.rendering import render_certificate_html

    html = render_certificate_html(certificate)
    return html.replace("<head>", '<head><link rel="stylesheet" href="certificate.css">', 1)


# Measuring


def timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def p90(values):
    return statistics.quantiles(values, n=10)[-1]


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def memory_worker(media_root, data, renders, queue):
    setup_django(media_root)
    from certificates.rendering import render_certificate_pdf

    certificate = detached(data)
    readings = {}
    for number in range(1, renders + 1):
        render_certificate_pdf(certificate)
        if number in (10, renders):
            readings[number] = rss_mb()
    queue.put(readings)


def throughput_worker(media_root, data, renders, barrier, queue):
    setup_django(media_root)
    from certificates.rendering import render_certificate_pdf

    certificate = detached(data)
    render_certificate_pdf(certificate)  # imports, fonts and stylesheet: not measured
    barrier.wait()
    start = time.perf_counter()
    for _ in range(renders):
        render_certificate_pdf(certificate)
    queue.put((start, time.perf_counter()))


def collect(queue, processes, count):
    """Results from worker processes; a worker that dies ends the benchmark, not hangs it."""
    results = []
    while len(results) < count:
        try:
            results.append(queue.get(timeout=1))
        except Empty:
            if any(process.exitcode not in (None, 0) for process in processes):
                for process in processes:
                    process.kill()
                raise SystemExit("A worker process failed; its traceback is above.") from None
    for process in processes:
        process.join()
    return results


def in_workers(context, target, media_root, data, workers, renders):
    queue = context.Queue()
    barrier = context.Barrier(workers)
    processes = [
        context.Process(target=target, args=(media_root, data, renders, barrier, queue))
        for _ in range(workers)
    ]
    for process in processes:
        process.start()
    spans = collect(queue, processes, workers)
    # CLOCK_MONOTONIC is one clock for every process on the machine.
    elapsed = max(end for _start, end in spans) - min(start for start, _end in spans)
    return workers * renders / elapsed


def trust_cost(certificate, count: int) -> tuple[float, float, float, float]:
    """What issuing adds on top of the render: the credential built and signed, and the
    PDF sealed. Median and p90 milliseconds of the two together, the seal's median alone,
    and the kilobytes that the embedded credential and the seal add to the PDF."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from certificates.credentials import proof
    from certificates.credentials.build import build_credential
    from certificates.credentials.keys import did_key
    from certificates.rendering import render_certificate_pdf
    from certificates.sealing import current_seal, seal_pdf

    private_key = Ed25519PrivateKey.generate()
    method = did_key(private_key.public_key())

    def signed_credential():
        unsigned = build_credential(
            certificate.snapshot,
            credential_id=certificate.verification_url,
            issuer_did=method.partition("#")[0],
            issued_at=certificate.issued_at,
            email="holder@example.org",
            salt="0" * 32,
        )
        return proof.sign(unsigned, private_key, method)

    certificate.credential = {}
    plain = render_certificate_pdf(certificate)
    certificate.credential = signed_credential()
    rendered = render_certificate_pdf(certificate)
    current_seal()  # read (or, in development, made) once per process, as a server does
    for _ in range(3):
        sealed = seal_pdf(rendered, certificate)
    signing = [timed(signed_credential) * 1000 for _ in range(count)]
    sealing = [timed(seal_pdf, rendered, certificate) * 1000 for _ in range(count)]
    both = [sign + seal for sign, seal in zip(signing, sealing, strict=True)]
    added_kb = (len(sealed) - len(plain)) / 1000
    return statistics.median(both), p90(both), statistics.median(sealing), added_kb


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--renders", type=int, default=30, help="timed renders of each kind")
    parser.add_argument(
        "--memory-renders", type=int, default=300, help="renders before the last RSS reading"
    )
    parser.add_argument("--worker-renders", type=int, default=20, help="renders per worker process")
    parser.add_argument(
        "--save", type=Path, metavar="DIR", help="also write full.pdf and longest.pdf here"
    )
    args = parser.parse_args()
    if args.renders < 2 or args.memory_renders < 10 or args.worker_renders < 1:
        parser.error("need --renders ≥ 2, --memory-renders ≥ 10, --worker-renders ≥ 1")

    media = tempfile.TemporaryDirectory(prefix="youthpass-bench-")
    setup_django(media.name)
    import weasyprint
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from pypdf import PdfReader
    from weasyprint import HTML

    from certificates.rendering import ASSET_DIR, render_certificate_pdf

    setup_test_environment()
    # The download logs in through django-axes, which reports every login.
    logging.getLogger("axes").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0)
    certificate = build_certificate()
    with certificate.pdf.open("rb") as stored:
        stored_bytes = stored.read()
    pages = len(PdfReader(certificate.pdf.path).pages)
    data = {
        "certificate_id": certificate.certificate_id,
        "language": certificate.language,
        "snapshot": certificate.snapshot,
        "issued_at": certificate.issued_at,
    }
    print(
        f"WeasyPrint {weasyprint.__version__}, Python {sys.version.split()[0]},"
        f" {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start"
    )
    size_kb = len(stored_bytes) / 1000
    print(
        f"certificate             {pages} pages, {size_kb:.1f} kB"
        f"  (goal ≤ {GOAL_SIZE_KB} kB: {verdict(size_kb <= GOAL_SIZE_KB)})"
    )

    # Plain and project renderer, interleaved so that noise falls on both alike.
    html = plain_html(certificate)
    base_url = ASSET_DIR.as_uri() + "/"

    def plain():
        # The same tagged PDF/A-3a as the project's: tagging costs time of its own.
        return HTML(string=html, base_url=base_url).write_pdf(pdf_variant="pdf/a-3a")

    for _ in range(2):
        plain()
        render_certificate_pdf(certificate)
    plain_times, renderer_times = [], []
    for _ in range(args.renders):
        plain_times.append(timed(plain))
        renderer_times.append(timed(render_certificate_pdf, certificate))
    plain_median = statistics.median(plain_times)
    renderer_median = statistics.median(renderer_times)
    speed_up = plain_median / renderer_median
    print(
        f"plain write_pdf()       median {plain_median:.3f} s  p90 {p90(plain_times):.3f} s"
        f"  ({args.renders} renders)"
    )
    print(
        f"project renderer        median {renderer_median:.3f} s  p90 {p90(renderer_times):.3f} s"
    )
    print(
        f"speed-up                {speed_up:.2f}×  (goal ≥ {GOAL_SPEED_UP}×, aim {AIM_SPEED_UP}×:"
        f" {verdict(speed_up >= GOAL_SPEED_UP)})"
    )

    # What issuing adds to every rendered PDF: the signed credential, embedded, and the
    # seal (PAdES B-B) in an incremental update.
    trust_ms, trust_p90_ms, seal_ms, added_kb = trust_cost(certificate, args.renders)
    print(
        f"credential + proof + seal  median {trust_ms:.1f} ms  p90 {trust_p90_ms:.1f} ms"
        f" (seal alone {seal_ms:.1f} ms), +{added_kb:.1f} kB"
        f"  (goal ≤ {GOAL_SEAL_MS} ms and ≤ {GOAL_SEAL_KB} kB:"
        f" {verdict(trust_ms <= GOAL_SEAL_MS and added_kb <= GOAL_SEAL_KB)})"
    )

    # A download serves the stored file.
    client = Client()
    client.force_login(certificate.issued_by)
    url = certificate.get_download_url()

    def download():
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == stored_bytes

    for _ in range(5):
        download()
    download_median = statistics.median(timed(download) for _ in range(200))
    share = renderer_median / download_median
    print(
        f"stored download         median {download_median * 1000:.2f} ms = 1/{share:.0f} of a"
        f" render  (goal < 1/{GOAL_DOWNLOAD_SHARE}: {verdict(share > GOAL_DOWNLOAD_SHARE)})"
    )

    # The longest input that the models accept.
    worst = build_certificate(worst_case=True)
    render_certificate_pdf(worst)
    worst_time = timed(render_certificate_pdf, worst)
    worst_pages = len(PdfReader(worst.pdf.path).pages)
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        (args.save / "full.pdf").write_bytes(stored_bytes)
        (args.save / "longest.pdf").write_bytes(Path(worst.pdf.path).read_bytes())
    print(f"longest allowed input   {worst_time:.2f} s, {worst_pages} pages")

    # Fresh processes: memory and throughput, without this process's history.
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(
        target=memory_worker, args=(media.name, data, args.memory_renders, queue)
    )
    process.start()
    (readings,) = collect(queue, [process], 1)
    growth = readings[args.memory_renders] - readings[10]
    print(
        f"RSS after 10 / {args.memory_renders} renders  {readings[10]:.1f} MB /"
        f" {readings[args.memory_renders]:.1f} MB, growth {growth:+.1f} MB"
        f"  (goal ≤ {GOAL_MEMORY_GROWTH_MB} MB: {verdict(growth <= GOAL_MEMORY_GROWTH_MB)})"
    )

    print(f"load average            {os.getloadavg()[0]:.1f} before the workers start")
    one = in_workers(context, throughput_worker, media.name, data, 1, args.worker_renders)
    two = in_workers(context, throughput_worker, media.name, data, 2, args.worker_renders)
    scaling = two / one
    print(f"1 worker                {one:.2f} PDFs/s  ({args.worker_renders} renders)")
    print(
        f"2 workers               {two:.2f} PDFs/s = {scaling:.2f}×"
        f"  (goal ≥ {GOAL_WORKER_SCALING}×: {verdict(scaling >= GOAL_WORKER_SCALING)})"
    )
    media.cleanup()


if __name__ == "__main__":
    main()
