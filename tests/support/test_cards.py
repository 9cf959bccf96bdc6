"""The manage-page card: organisers see who supports a participant and the assessment."""

from django.template.loader import render_to_string
from django.urls import reverse

from support.models import SupervisorAssessment


def card(participant):
    return render_to_string("support/_manage_card.html", {"participant": participant})


def test_card_names_the_support_persons_and_says_nothing_is_written(support):
    html = card(support.participant)
    assert "Dace Kļaviņa" in html
    assert "Supervisor" in html
    assert "Jānis Zariņš" in html
    assert "Inese Vītola" not in html
    assert "Not written." in html


def test_card_shows_the_assessment_and_whether_it_is_agreed(support):
    assessment, _changed = SupervisorAssessment.write(
        support.participant, support.supervisor, "Strādāja <b>rūpīgi</b>.", 0
    )
    html = card(support.participant)
    assert "Strādāja &lt;b&gt;rūpīgi&lt;/b&gt;." in html
    assert "Not agreed" in html
    assessment.agree(1)
    html = card(support.participant)
    assert "Agreed" in html
    assert "it is printed on certificates issued from now on" in html


def test_card_takes_a_fixed_number_of_queries(support, django_assert_num_queries):
    SupervisorAssessment.write(support.participant, support.supervisor, "Labi.", 0)
    with django_assert_num_queries(2):
        card(support.participant)


def test_home_page_leads_support_persons_to_their_participants(client, support):
    client.force_login(support.mentor_user)
    page = client.get(reverse("home")).content.decode()
    assert "The participants you support" in page
    assert reverse("support:mine") in page
