"""What the project and organisation put on a certificate: Part 1 details and Part 3."""

import base64
import copy
import datetime
import io
import json

import pytest
from django.forms.models import model_to_dict
from pypdf import PdfReader

from certificates.models import Certificate
from certificates.rendering import (
    render_certificate_html,
    render_certificate_pdf,
    render_preview_pdf,
)
from certificates.snapshot import build_snapshot
from projects.forms import OrganisationForm
from projects.models import Activity, PartnerOrganisation
from tests.certificates.conftest import pdf_pages, pdf_text, stored_pdf
from tests.projects.images import image_upload, open_image

APV = {
    "title": "Advance planning visit",
    "start_date": datetime.date(2026, 5, 4),
    "end_date": datetime.date(2026, 5, 6),
    "venue_town": "Tartu",
    "venue_country": "EE",
    "organisations_in_charge": "MTÜ Noorte Hääl and Jauniešu centrs Ģēnijs",
    "aims": "To agree the programme and the safety plan with every partner.",
    "activities": "A site visit, a programme workshop and a meeting with the town council.",
    "results": "A programme and a safety plan that all partners signed.",
}
EXCHANGE = {
    "title": "Radio week in Cēsis",
    "start_date": datetime.date(2026, 7, 1),
    "end_date": datetime.date(2026, 7, 10),
    "venue_town": "Cēsis",
    "venue_country": "LV",
    "aims": "To learn radio journalism across four languages.",
    "activities": "Interviews in the old town, editing workshops, a live broadcast.",
    "results": "Six radio shows, broadcast by Radio Cēsis.",
}


def give_logo(organisation, **image):
    """Upload a logo the way the organisation page does, keeping the other details."""
    details = model_to_dict(organisation, fields=OrganisationForm.Meta.fields)
    details["country"] = organisation.country.code
    del details["logo"]
    form = OrganisationForm(details, {"logo": image_upload("PNG", **image)}, instance=organisation)
    assert form.is_valid(), form.errors
    form.save()


@pytest.fixture
def full_project(world):
    """The world's project with the organisation's details, two partners and two activities."""
    organisation = world.organisation
    organisation.street = "Rīgas iela 12"
    organisation.postcode = "LV-4101"
    organisation.town = "Cēsis"
    organisation.website = "https://genijs.example.org"
    organisation.signatory_name = "Anna Bērziņa"
    organisation.signatory_role = "Director"
    organisation.save()
    project = world.project
    project.print_part3 = True
    project.save()
    PartnerOrganisation.objects.create(
        project=project, name="MTÜ Noorte Hääl", town="Tartu", country="EE"
    )
    PartnerOrganisation.objects.create(
        project=project, name="Κέντρο Νεότητας Καλαμαριάς", town="Θεσσαλονίκη", country="GR"
    )
    Activity.objects.create(project=project, **EXCHANGE)
    Activity.objects.create(project=project, **APV)
    return project


def issue(world, participant):
    return Certificate.issue_for(participant, world.admin, "en")


def certificate_with(snapshot):
    """A certificate that is never saved, to render a snapshot as it stands."""
    return Certificate(language=snapshot["language"], snapshot=snapshot)


# The snapshot


def test_snapshot_holds_organisation_details_partners_and_activities(
    world, full_project, approved_participant
):
    snapshot = build_snapshot(approved_participant, "en")

    assert json.loads(json.dumps(snapshot)) == snapshot
    organisation = snapshot["organisation"]
    assert organisation["address"] == ["Rīgas iela 12", "LV-4101 Cēsis", "Latvia"]
    assert organisation["website"] == "https://genijs.example.org"
    assert organisation["logo"] is None
    assert organisation["signatory_name"] == "Anna Bērziņa"
    assert organisation["signatory_role"] == "Director"
    assert snapshot["partners"] == [
        {"name": "MTÜ Noorte Hääl", "town": "Tartu", "country": "EE", "country_name": "Estonia"},
        {
            "name": "Κέντρο Νεότητας Καλαμαριάς",
            "town": "Θεσσαλονίκη",
            "country": "GR",
            "country_name": "Greece",
        },
    ]
    assert [activity["title"] for activity in snapshot["activities"]] == [
        "Advance planning visit",
        "Radio week in Cēsis",
    ]
    assert snapshot["activities"][0] == {
        **APV,
        "start_date": "2026-05-04",
        "end_date": "2026-05-06",
        "venue_country_name": "Estonia",
    }
    assert snapshot["activities"][1]["organisations_in_charge"] == ""


def test_snapshot_names_countries_in_the_certificates_language(
    world, full_project, approved_participant
):
    snapshot = build_snapshot(approved_participant, "lv")
    assert snapshot["partners"][0]["country_name"] == "Igaunija"
    assert snapshot["activities"][0]["venue_country_name"] == "Igaunija"
    assert snapshot["organisation"]["address"][-1] == "Latvija"


def test_snapshot_has_no_activities_when_part3_is_off(world, full_project, approved_participant):
    full_project.print_part3 = False
    full_project.save()
    assert build_snapshot(approved_participant, "en")["activities"] == []


def without_address(organisation):
    organisation.street = organisation.postcode = organisation.town = ""
    organisation.save()


def test_address_leaves_out_empty_lines(world, approved_participant):
    without_address(world.organisation)
    snapshot = build_snapshot(approved_participant, "en")
    assert snapshot["organisation"]["address"] == ["Latvia"]
    assert snapshot["partners"] == []


def test_snapshot_carries_the_stored_logo_as_a_png_data_uri(world, approved_participant):
    give_logo(world.organisation, size=(400, 100))
    logo = build_snapshot(approved_participant, "en")["organisation"]["logo"]
    assert logo.startswith("data:image/png;base64,")
    with world.organisation.logo.open("rb") as stored:
        assert logo == "data:image/png;base64," + base64.b64encode(stored.read()).decode("ascii")


def test_a_stored_file_that_is_not_our_png_is_left_out(world, approved_participant):
    give_logo(world.organisation)
    with world.organisation.logo.open("wb") as stored:
        stored.write(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert build_snapshot(approved_participant, "en")["organisation"]["logo"] is None


# The PDF


def test_pdf_prints_address_partners_and_part3(world, full_project, approved_participant):
    pages = pdf_pages(stored_pdf(issue(world, approved_participant)))
    text = " ".join(pages)

    assert "Organised by Jauniešu centrs Ģēnijs Rīgas iela 12, LV-4101 Cēsis, Latvia" in text
    assert "https://genijs.example.org" in text
    assert "In partnership with MTÜ Noorte Hääl, Tartu, Estonia" in text
    assert "Κέντρο Νεότητας Καλαμαριάς, Θεσσαλονίκη, Greece" in text

    # Part 3 starts a page of its own, after the self-assessment.
    part3 = [page for page in pages if "PART 3 — DESCRIPTION OF ACTIVITIES" in page]
    assert len(part3) == 1
    assert "I edited a radio show with free software." not in part3[0]
    assert part3[0].startswith("PART 3 — DESCRIPTION OF ACTIVITIES")
    for expected in (
        "Advance planning visit 4 May 2026 to 6 May 2026 · Tartu, Estonia",
        "ORGANISATIONS IN CHARGE MTÜ Noorte Hääl and Jauniešu centrs Ģēnijs",
        "AIMS To agree the programme and the safety plan with every partner.",
        "ACTIVITIES A site visit, a programme workshop and a meeting with the town council.",
        "RESULTS A programme and a safety plan that all partners signed.",
        "Radio week in Cēsis 1 July 2026 to 10 July 2026 · Cēsis, Latvia",
        "RESULTS Six radio shows, broadcast by Radio Cēsis.",
    ):
        assert expected in text
    # An activity without organisations in charge prints no empty heading.
    assert text.count("ORGANISATIONS IN CHARGE") == 1
    assert text.index("Advance planning visit") < text.index("Radio week in Cēsis")


@pytest.mark.parametrize("how", ["switched off", "no activities"])
def test_part3_is_absent_without_activities(world, full_project, approved_participant, how):
    if how == "switched off":
        full_project.print_part3 = False
        full_project.save()
    else:
        full_project.activities.all().delete()

    text = pdf_text(stored_pdf(issue(world, approved_participant)))

    assert "PART 3" not in text.upper()
    assert "Advance planning visit" not in text
    assert "DESCRIPTION OF ACTIVITIES" not in text.upper()


def test_without_partners_or_address_nothing_empty_is_printed(world, approved_participant):
    # Issuing waits for an address; a preview is made without one.
    without_address(world.organisation)
    text = pdf_text(render_preview_pdf(build_snapshot(approved_participant, "en")))
    assert "In partnership with" not in text
    assert "Organised by Jauniešu centrs Ģēnijs Latvia Programme and format" in text


def image_xobjects(pdf: bytes) -> int:
    """The number of distinct raster images that the pages draw."""
    images = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        xobjects = page["/Resources"].get("/XObject")
        if xobjects is None:
            continue
        for reference in xobjects.get_object().values():
            if reference.get_object().get("/Subtype") == "/Image":
                images.add(reference.idnum)
    return len(images)


def test_logo_is_printed_as_an_image(world, full_project, approved_participant):
    without = stored_pdf(issue(world, approved_participant))
    assert image_xobjects(without) == 0

    give_logo(world.organisation, size=(400, 100))
    approved_participant.refresh_from_db()
    snapshot = build_snapshot(approved_participant, "en")
    pdf = render_certificate_pdf(certificate_with(snapshot))

    assert image_xobjects(pdf) == 1
    html = render_certificate_html(certificate_with(snapshot))
    assert f'<img src="{snapshot["organisation"]["logo"]}"' in html


@pytest.mark.parametrize(
    "evil",
    [
        "file:///etc/passwd",
        "https://attacker.example/logo.png",
        "logo.svg",
        "data:image/svg+xml;base64,PHN2Zy8+",
        "data:text/html,<script>alert(1)</script>",
        'data:image/png;base64,iVBORw0KGgo=" onerror="alert(1)',
        "data:image/png;base64,iVBORw0KGgo=\nfile:///etc/passwd",
        "DATA:image/png;base64,iVBORw0KGgo=",
        ["data:image/png;base64,iVBORw0KGgo="],
    ],
)
def test_a_logo_value_that_is_not_a_png_data_uri_never_reaches_the_html(
    world, approved_participant, evil
):
    snapshot = build_snapshot(approved_participant, "en")
    snapshot["organisation"]["logo"] = evil

    html = render_certificate_html(certificate_with(snapshot))

    assert "organiser-logo" not in html
    assert "passwd" not in html
    assert "attacker" not in html
    assert "<img" not in html.split('class="participation"', 1)[1]


def test_user_text_in_partners_and_activities_is_printed_literally(
    world, full_project, approved_participant
):
    markup = '<img src="file:///etc/passwd"><link rel="attachment" href="file:///etc/hosts">'
    PartnerOrganisation.objects.create(
        project=full_project, name=markup, town="url(file:///etc/shadow)", country="LV"
    )
    full_project.activities.update(results=markup)

    pdf = stored_pdf(issue(world, approved_participant))

    text = pdf_text(pdf)
    assert 'In partnership with <img src="file:///etc/passwd"><link' in text
    assert text.count('<img src="file:///etc/passwd">') == 3
    assert "root:" not in text
    assert image_xobjects(pdf) == 0


# The participant's own period


def render_with_period(world, participant, start, end):
    snapshot = build_snapshot(participant, "en")
    snapshot["holder"]["start_date"] = start
    snapshot["holder"]["end_date"] = end
    return pdf_text(render_certificate_pdf(certificate_with(snapshot)))


def test_project_dates_when_the_holder_has_no_period_of_their_own(world, approved_participant):
    text = render_with_period(world, approved_participant, None, None)
    assert "held in Cēsis, Latvia, from 1 July 2026 to 10 July 2026." in text
    assert "Period of participation" not in text


def test_holders_own_period_is_printed_where_it_differs(world, approved_participant):
    text = render_with_period(world, approved_participant, None, "2026-07-05")
    assert "held in Cēsis, Latvia, from 1 July 2026 to 10 July 2026." in text
    assert "Period of participation: from 1 July 2026 to 5 July 2026." in text

    text = render_with_period(world, approved_participant, "2026-07-03", "2026-07-08")
    assert "Period of participation: from 3 July 2026 to 8 July 2026." in text


def test_holders_period_equal_to_the_projects_reads_as_usual(world, approved_participant):
    text = render_with_period(world, approved_participant, "2026-07-01", "2026-07-10")
    assert "held in Cēsis, Latvia, from 1 July 2026 to 10 July 2026." in text
    assert "Period of participation" not in text


def test_part1_with_details_and_partners_fits_on_the_first_page(
    world, full_project, approved_participant
):
    give_logo(world.organisation, size=(400, 100))
    for n in range(2):
        PartnerOrganisation.objects.create(
            project=full_project, name=f"Partner association {n}", town="Riga", country="LV"
        )
    pages = pdf_pages(stored_pdf(issue(world, approved_participant)))
    assert "Partner association 1, Riga, Latvia" in pages[0]
    # The programme statement and the signatory's block close the first page.
    assert "Youthpass is the European recognition tool" in pages[0]
    assert "Director" in pages[0]
    assert "PART 1" not in pages[1]


# Frozen at issue


def test_issued_certificate_does_not_change_with_the_project(
    world, full_project, approved_participant
):
    give_logo(world.organisation, size=(300, 100))
    certificate = issue(world, approved_participant)
    snapshot = copy.deepcopy(certificate.snapshot)
    pdf = stored_pdf(certificate)

    full_project.partners.filter(name="MTÜ Noorte Hääl").update(name="Renamed partner")
    PartnerOrganisation.objects.create(
        project=full_project, name="Late partner", town="Riga", country="LV"
    )
    full_project.activities.update(results="Rewritten results.")
    full_project.print_part3 = False
    full_project.save()
    organisation = world.organisation
    organisation.street = "New street 1"
    organisation.save()
    give_logo(organisation, size=(120, 120))

    certificate.refresh_from_db()
    assert certificate.snapshot == snapshot
    assert stored_pdf(certificate) == pdf
    text = pdf_text(pdf)
    assert "MTÜ Noorte Hääl" in text
    assert "Renamed partner" not in text
    assert "Late partner" not in text
    assert "Six radio shows" in text
    assert "Rīgas iela 12" in text
    logo = snapshot["organisation"]["logo"]
    data = base64.b64decode(logo.split(",", 1)[1])
    assert open_image(data).size == (300, 100)
