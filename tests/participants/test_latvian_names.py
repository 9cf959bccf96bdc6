"""The key competences carry, in Latvian, the names Latvian youth workers know from the
national agency's Youthpass pages (the Council Recommendation's wording), on pages and
on certificates."""

from django.utils import translation

from certificates.models import Certificate
from participants.competences import KEY_COMPETENCES
from tests.certificates.conftest import pdf_text, stored_pdf
from tests.conftest import write_outcomes

AGENCY_NAMES = [
    "Rakstpratības kompetence",
    "Daudzvalodu kompetence",
    "Matemātiskā kompetence un kompetence dabaszinātnēs, tehnoloģijās un inženierzinātnēs",
    "Digitālā kompetence",
    "Personīgā, sociālā un mācīšanās mācīties kompetence",
    "Pilsoniskā kompetence",
    "Uzņēmējdarbības kompetence",
    "Kultūras izpratnes un izpausmes kompetence",
]


def test_the_eight_names_in_latvian():
    with translation.override("lv"):
        assert [str(competence.name) for competence in KEY_COMPETENCES] == AGENCY_NAMES


def test_a_latvian_certificate_prints_them(world, approved_participant):
    write_outcomes(
        approved_participant,
        {"literacy": "Es rakstīju rakstus.", "citizenship": "Es balsoju jauniešu padomē."},
    )
    certificate = Certificate.issue_for(approved_participant, world.admin, "lv")
    text = pdf_text(stored_pdf(certificate))
    assert "Rakstpratības kompetence" in text
    assert "Pilsoniskā kompetence" in text
