from django.urls import reverse


def my_url(participant, name):
    """A page of the participant's own record (me/<code>/…)."""
    return reverse(f"participants:{name}", args=[participant.code])


def manage_url(participant, name="manage"):
    """An organiser's page of a participant (projects/<code>/participants/<code>/…)."""
    return reverse(f"participants:{name}", args=[participant.project.code, participant.code])


def formset_data(prefix, rows, total=None, initial=0):
    """POST data as the browser sends a formset: management form plus one dict per row."""
    total = len(rows) if total is None else total
    data = {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{index}-{name}"] = value
    return data


def assert_only_the_holder_gets_in(client, world, url, data=None):
    """Other participant and outsider: 404; organisers: 403; anonymous: to login."""
    for user, status in (
        (world.other_participant_user, 404),
        (world.outsider, 404),
        (world.admin, 403),
        (world.editor, 403),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status
        assert client.post(url, data or {}).status_code == status
    client.logout()
    assert client.get(url).url.startswith(reverse("login"))
    assert client.post(url, data or {}).url.startswith(reverse("login"))
