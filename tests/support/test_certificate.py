"""The supervisor's assessment on an issued certificate: only with the participant's agreement."""

from certificates.models import Certificate
from support.models import SupervisorAssessment
from tests.certificates.conftest import pdf_text, stored_pdf
from tests.conftest import write_outcomes

TEXT = "Līga vadīja komandu ar lielu atbildību un iemācījās plānot darbu pati."


def approve(participant, by):
    write_outcomes(participant, {"digital": "I edited audio."})
    participant.submit()
    participant.approve(by)


def test_an_agreed_assessment_is_printed_as_its_own_section(support):
    assessment, _changed = SupervisorAssessment.write(
        support.participant, support.supervisor, TEXT, 0
    )
    assessment.agree(1)
    approve(support.participant, support.admin)

    (certificate,) = Certificate.issue(support.participant, support.admin, ["en"], "printed")

    text = pdf_text(stored_pdf(certificate))
    assert "supervisor’s assessment" in text.lower()
    assert TEXT in text
    assert "Dace Kļaviņa" in text
    assert certificate.snapshot["supervisor_assessment"]["text"] == TEXT


def test_an_assessment_without_agreement_stays_off_the_certificate(support):
    SupervisorAssessment.write(support.participant, support.supervisor, TEXT, 0)
    approve(support.participant, support.admin)

    (certificate,) = Certificate.issue(support.participant, support.admin, ["en"], "printed")

    text = pdf_text(stored_pdf(certificate))
    assert TEXT not in text
    assert "supervisor’s assessment" not in text.lower()
