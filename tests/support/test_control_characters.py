"""A support person's feedback refuses control characters (see youthpass_site.apps)."""

from support.models import Feedback
from tests.support.conftest import support_url


def test_support_feedback_refuses_them(client, support):
    client.force_login(support.mentor_user)
    address = support_url(support.participant, "feedback_goal", support.shared_goal.code)

    response = client.post(address, {"text": "Labi\x07 darīts!\x1b[31m"})

    assert "This contains control characters, which cannot be shown." in response.content.decode()
    assert not Feedback.objects.exists()


def test_support_feedback_keeps_line_breaks(client, support):
    client.force_login(support.mentor_user)
    address = support_url(support.participant, "feedback_goal", support.shared_goal.code)

    client.post(address, {"text": "Labi darīts!\r\n\tTurpini."})

    assert Feedback.objects.get().text.replace("\r\n", "\n") == "Labi darīts!\n\tTurpini."
