"""The longest input the models allow still makes a certificate that fits its pages.

Limits on every field keep the render time bounded (see benchmarks/pdf.py for the time);
here, that long words without spaces wrap instead of running off the page.
"""

import re

import pytest
from weasyprint.formatting_structure.boxes import TextBox

from certificates.models import Certificate, SignatureMode
from certificates.rendering import html_to_layout, render_certificate_html
from participants.models import LearningOutcome
from projects.models import Organisation, Project
from tests.certificates.conftest import pdf_text, stored_pdf
from tests.conftest import write_outcomes

# A word longer than a line, in three scripts.
WORD = "Ščerbiņasвеликийλέξη" * 3


def longest(model, field: str, word: str = WORD) -> str:
    max_length = model._meta.get_field(field).max_length
    assert max_length, f"{model.__name__}.{field} needs a maximum length"
    return " ".join([word] * (max_length // len(word) + 1))[:max_length]


@pytest.fixture
def longest_participant(world, approved_participant):
    organisation = world.organisation
    for field in ("name", "town", "signatory_name", "signatory_role"):
        setattr(organisation, field, longest(Organisation, field))
    organisation.save()
    project = world.project
    for field in ("title", "venue_town", "description"):
        setattr(project, field, longest(Project, field))
    project.save()
    participant = approved_participant
    for field in ("first_name", "last_name", "place_of_birth"):
        setattr(participant, field, longest(type(participant), field))
    participant.save()
    keys = [key for key, _name in LearningOutcome._meta.get_field("competence").choices]
    write_outcomes(participant, {key: longest(LearningOutcome, "text") for key in keys})
    return participant


def text_outside_the_page(certificate):
    """Text boxes that reach beyond the page's printable width, by page number."""
    document = html_to_layout(render_certificate_html(certificate))
    outside = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        left = page_box.margin_left
        right = page_box.margin_width() - page_box.margin_right
        for box in page_box.descendants():
            # Half a point of slack for rounding.
            if isinstance(box, TextBox) and (
                box.position_x < left - 0.5 or box.position_x + box.width > right + 0.5
            ):
                outside.append((number, box.text[:30]))
    return document, outside


@pytest.mark.parametrize("signature", list(SignatureMode))
def test_longest_input_wraps_inside_the_page(world, longest_participant, signature):
    world.editor.first_name = longest(type(world.editor), "first_name")
    world.editor.save()
    certificate = Certificate.issue_for(longest_participant, world.editor, "en", signature)

    document, outside = text_outside_the_page(certificate)

    assert outside == []
    # Long outcomes flow onto further pages, a bounded number of them.
    assert 4 < len(document.pages) < 40


def without_spaces(text: str) -> str:
    return "".join(text.split())


def test_longest_input_is_all_printed(world, longest_participant):
    certificate = Certificate.issue_for(longest_participant, world.editor, "en")

    # Lines break inside the long words, and page breaks put the running header and
    # footer into the longest texts: compare without either.
    text = without_spaces(pdf_text(stored_pdf(certificate)))
    text = re.sub(
        r"CertificateID[-0-9A-Z]{19}Verifyat\S+?/verify/[-0-9A-Z]{19}/Page\d+of\d+", "", text
    )
    text = text.replace("Youthpass·" + without_spaces(longest_participant.full_name), "")

    for value in (
        longest_participant.full_name,
        longest_participant.project.title,
        longest_participant.project.description,
        longest_participant.project.organisation.signatory_name,
        *(outcome.text for outcome in longest_participant.outcomes.all()),
    ):
        assert without_spaces(value) in text


def test_the_check_sees_text_that_runs_off_the_page(world, approved_participant):
    """Without overflow-wrap, a long word overflows: the check above would notice."""
    certificate = Certificate.issue_for(approved_participant, world.editor, "en")
    html = render_certificate_html(certificate).replace(
        "</body>", f'<p style="overflow-wrap: normal">{WORD * 4}</p></body>'
    )

    document = html_to_layout(html)

    page_box = document.pages[-1]._page_box
    right = page_box.margin_width() - page_box.margin_right
    assert any(
        isinstance(box, TextBox) and box.position_x + box.width > right + 0.5
        for box in page_box.descendants()
    )
