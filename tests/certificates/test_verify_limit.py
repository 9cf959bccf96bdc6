"""Anyone may check certificates, but no client may guess its way through the IDs."""

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone


def verify(client, certificate_id, address="203.0.113.5"):
    return client.get(reverse("certificates:verify", args=[certificate_id]), REMOTE_ADDR=address)


def test_a_person_checking_a_few_ids_is_never_stopped(client, certificate):
    for _ in range(5):
        assert verify(client, certificate.certificate_id).status_code == 200
    assert verify(client, "YP0000000000").status_code == 404


@pytest.mark.django_db
def test_a_client_guessing_ids_is_stopped_with_a_429_page(client, settings, certificate):
    assert settings.VERIFY_LIMIT_PER_CLIENT == 100
    for number in range(settings.VERIFY_LIMIT_PER_CLIENT):
        assert verify(client, f"YPGUESS{number:05d}").status_code == 404

    response = verify(client, certificate.certificate_id)

    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many certificates checked" in page
    assert "Please try again in an hour." in page
    assert certificate.snapshot["holder"]["last_name"] not in page
    # Other clients are not held up, and the client may check again after the hour.
    assert verify(client, certificate.certificate_id, address="198.51.100.7").status_code == 200
    with time_machine.travel(timezone.now() + timezone.timedelta(hours=1, minutes=1)):
        assert verify(client, certificate.certificate_id).status_code == 200
