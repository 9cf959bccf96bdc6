"""Arbitrary Unicode through the forms people type into, the ID parser and the renderer.

Whatever is typed, the answer is a page (saved, or refused with a message), never a 500,
and what is saved is exactly what was typed.
"""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from certificates.models import Certificate
from participants.models import LearningOutcome
from tests.certificates.conftest import pdf_text
from youthpass_site.lib.codes import CERTIFICATE_ALPHABET, normalise_certificate_id
from youthpass_site.lib.text import printable

# Everything a browser can send: all of Unicode but lone surrogates, which UTF-8 cannot carry.
typed = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300)
LONG = "Ā😀\u202e" * 5462  # 16 kB of letters, emoji and right-to-left overrides
CONTROL = "line\x00one\x07\x1b[31m\u200f\u2066end"

# The scripts the shipped fonts cover: Latin with every diacritic, Greek, Cyrillic.
european = st.characters(
    max_codepoint=0x052F, categories=["L", "M", "N", "P", "S", "Zs", "Cc", "Cf"]
)


def newlines(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


hypothesis_settings = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@given(raw=typed)
@example(raw=LONG)
@example(raw="9xxc avfy m7dm yg5f")
@hypothesis_settings
def test_the_id_parser_gives_a_canonical_id_or_nothing(raw):
    canonical = normalise_certificate_id(raw)
    if canonical is not None:
        assert len(canonical) == 19
        assert all(ch in CERTIFICATE_ALPHABET for ch in canonical.replace("-", ""))
        assert normalise_certificate_id(canonical) == canonical


@given(raw=typed)
@example(raw=LONG)
@example(raw=CONTROL)
@hypothesis_settings
@pytest.mark.django_db
def test_the_verification_form_never_fails(client, raw):
    response = client.get(reverse("certificates:verify_form"), {"certificate_id": raw})
    assert response.status_code in (200, 302)


@given(text=typed)
@example(text=LONG)
@example(text=CONTROL)
@example(text="\u202eسلام 👋🏽 Ελληνικά Кириллица\n\nā č ē ģ ī ķ ļ ņ š ū ž")
@hypothesis_settings
def test_the_self_assessment_saves_exactly_what_was_typed_or_explains(client, world, text):
    client.force_login(world.participant_user)
    before = dict(world.participant.outcomes.values_list("competence", "text"))

    response = client.post(
        reverse("participants:outcomes", args=[world.participant.code]), {"digital": text}
    )

    assert response.status_code in (200, 302)
    after = dict(world.participant.outcomes.values_list("competence", "text"))
    if response.status_code == 302:
        assert after.get("digital", "") == newlines(text).strip()
    else:
        assert after == before
        assert "is-invalid" in response.content.decode()


@given(first=typed, last=typed)
@example(first=LONG, last="Ščerbina")
@example(first=CONTROL, last="\u202e👩🏽‍🚀")
@hypothesis_settings
def test_names_are_saved_exactly_or_refused(client, world, first, last):
    client.force_login(world.participant_user)
    participant = world.participant
    before = (participant.first_name, participant.last_name)

    response = client.post(
        reverse("participants:personal", args=[participant.code]),
        {"first_name": first, "last_name": last},
    )

    assert response.status_code in (200, 302)
    participant.refresh_from_db()
    if response.status_code == 302:
        assert (participant.first_name, participant.last_name) == (first.strip(), last.strip())
    else:
        assert (participant.first_name, participant.last_name) == before


@given(name=st.text(alphabet=european, min_size=1, max_size=100))
@example(name="\u202eĀžuols 😀\x07")
@example(name="<img src=file:///etc/passwd> url(file:///etc/passwd)")
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_any_name_and_text_renders_a_certificate(approved_participant, world, name):
    approved_participant.first_name = name
    approved_participant.save(update_fields=["first_name"])
    LearningOutcome.objects.filter(participant=approved_participant, competence="digital").update(
        text=name * 20
    )
    certificate = Certificate(
        participant=approved_participant, language="en", issued_by=world.admin
    )
    from certificates.rendering import render_certificate_pdf
    from certificates.snapshot import build_snapshot

    certificate.snapshot = build_snapshot(approved_participant, "en")
    pdf = render_certificate_pdf(certificate)

    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert certificate.certificate_id in text
    assert "\x00" not in text
    visible = printable(name).split()
    if visible and all(ch.isalnum() for ch in visible[0]):
        assert visible[0] in text


def test_printable_removes_what_acts_instead_of_showing():
    assert printable("A\x07\u202eB\r\nC\tD\u200fE") == "AB\nC\tD\u200fE"
