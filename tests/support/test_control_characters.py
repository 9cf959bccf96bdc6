"""A support person's feedback is stored without control characters (see
youthpass_site.middleware)."""

from support.models import Feedback
from tests.support.conftest import support_url


def test_support_feedback(client, support):
    client.force_login(support.mentor_user)
    address = support_url(support.participant, "feedback_goal", support.shared_goal.code)

    client.post(address, {"text": "Labi\x07 darīts!\x0c\nTurpini.\x1f"})

    assert Feedback.objects.get().text.replace("\r\n", "\n") == "Labi darīts!\nTurpini."
