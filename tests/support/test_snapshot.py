"""What the certificate gets from the support persons: the assessment, only when agreed."""

import io
from unittest import mock

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import trans_real
from pypdf import PdfReader
from weasyprint import HTML

from support.models import SupervisorAssessment
from support.snapshot import supervisor_snapshot

PARTIAL = "certificates/pdf/_supervisor.html"
TRICKY = 'Līga <b>led</b> the team & wrote "<script>alert(1)</script>".\n\nOtrā rindkopa.'


def test_nothing_without_an_assessment(support):
    assert supervisor_snapshot(support.participant) == {"supervisor_assessment": None}


def test_nothing_without_agreement(support):
    SupervisorAssessment.write(support.participant, support.supervisor, "Labi.", 0)
    assert supervisor_snapshot(support.participant) == {"supervisor_assessment": None}


def test_the_agreed_text_with_its_author(support):
    assessment, _changed = SupervisorAssessment.write(
        support.participant, support.supervisor, "Labi strādāja.", 0
    )
    assessment.agree(1)
    assert supervisor_snapshot(support.participant) == {
        "supervisor_assessment": {
            "text": "Labi strādāja.",
            "author_name": "Dace Kļaviņa",
            "author_role": "Supervisor",
        }
    }


def test_nothing_after_the_text_changed_until_agreed_again(support):
    assessment, _changed = SupervisorAssessment.write(
        support.participant, support.supervisor, "First.", 0
    )
    assessment.agree(1)
    SupervisorAssessment.write(support.participant, support.supervisor, "Second.", 1)
    assert supervisor_snapshot(support.participant)["supervisor_assessment"] is None
    assessment.agree(2)
    assert supervisor_snapshot(support.participant)["supervisor_assessment"]["text"] == "Second."


def test_nothing_after_withdrawal(support):
    assessment, _changed = SupervisorAssessment.write(
        support.participant, support.supervisor, "Labi.", 0
    )
    assessment.agree(1)
    assessment.withdraw()
    assert supervisor_snapshot(support.participant)["supervisor_assessment"] is None


def test_the_author_is_named_after_their_role_was_removed(support):
    assessment, _changed = SupervisorAssessment.write(
        support.participant, support.supervisor, "Labi.", 0
    )
    assessment.agree(1)
    support.supervisor.delete()
    snapshot = supervisor_snapshot(support.participant)["supervisor_assessment"]
    assert snapshot["author_name"] == "Dace Kļaviņa"


@pytest.fixture
def latvian():
    """Latvian words for the strings under test, whether or not the catalogue has them yet."""
    catalog = trans_real.translation("lv")._catalog._catalogs[0]
    words = {
        "Supervisor": "Supervizors",
        "Supervisor’s assessment": "Supervizora vērtējums",
    }
    with mock.patch.dict(catalog, words):
        yield


def test_the_role_is_stored_in_the_certificates_language(support, latvian):
    assessment, _changed = SupervisorAssessment.write(
        support.participant, support.supervisor, "Labi.", 0
    )
    assessment.agree(1)
    with translation.override("lv"):
        snapshot = supervisor_snapshot(support.participant)
    assert snapshot["supervisor_assessment"]["author_role"] == "Supervizors"
    assert type(snapshot["supervisor_assessment"]["author_role"]) is str


# The PDF partial


def context(text=TRICKY):
    return {
        "holder_name": "Līga Kalniņa",
        "supervisor_assessment": {
            "text": text,
            "author_name": "Dace <i>Kļaviņa</i>",
            "author_role": "Supervisor",
        },
    }


def test_partial_prints_nothing_without_an_assessment():
    html = render_to_string(PARTIAL, {"holder_name": "X", "supervisor_assessment": None})
    assert "section" not in html


def test_partial_prints_user_text_as_text_only():
    html = render_to_string(PARTIAL, context())
    assert "Supervisor’s assessment" in html
    assert "<b>" not in html
    assert "<script>" not in html
    assert "&lt;b&gt;led&lt;/b&gt;" in html
    assert "&lt;script&gt;" in html
    assert "Dace &lt;i&gt;Kļaviņa&lt;/i&gt;" in html
    assert "<p>Otrā rindkopa.</p>" in html


def test_partial_in_a_pdf_shows_the_text_literally():
    html = render_to_string(PARTIAL, context())
    pdf = HTML(string=f"<html><body>{html}</body></html>").write_pdf()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "<b>led</b>" in text
    assert "<script>alert(1)</script>" in text
    assert "Otrā rindkopa." in text
    assert "Dace <i>Kļaviņa</i>" in text


def test_partial_is_translated(latvian):
    with translation.override("lv"):
        html = render_to_string(PARTIAL, context("Labi."))
    assert "Supervizora vērtējums" in html
    assert "Labi." in html
