"""People's names on the dashboard in the reader's order, and found in any script: Latvian
sorts "Č" after "C" and "Ķ" after "K", English beside them; "ΕΛΕΝΗ", "eleni" and "elenī" all
find "Ελένη"."""

import importlib

import pytest
from django.apps import apps
from django.db import connection

from participants.models import Participant
from tests.conftest import login
from tests.dashboard.test_dashboard import names_in_table
from youthpass_site.lib.collation import collated

# With the world's Līga Kalniņa and Jānis Ščerbina.
NAMES = [
    ("Zane", "Zariņš"),
    ("Ģirts", "Ķēniņš"),
    ("Pēteris", "Celms"),
    ("Aija", "Čakste"),
    ("Kārlis", "Kurzemnieks"),
    ("Inese", "Ķirsis"),
    ("Edgars", "Sils"),
    ("Gunta", "Bērziņa"),
    ("Guna", "Bērziņa"),
    ("Ģirts", "Bērziņš"),
]
LATVIAN = [
    "Guna Bērziņa",
    "Gunta Bērziņa",
    "Ģirts Bērziņš",
    "Pēteris Celms",
    "Aija Čakste",
    "Līga Kalniņa",
    "Kārlis Kurzemnieks",
    "Ģirts Ķēniņš",
    "Inese Ķirsis",
    "Edgars Sils",
    "Jānis Ščerbina",
    "Zane Zariņš",
]
ENGLISH = [
    "Guna Bērziņa",
    "Gunta Bērziņa",
    "Ģirts Bērziņš",
    "Aija Čakste",
    "Pēteris Celms",
    "Līga Kalniņa",
    "Ģirts Ķēniņš",
    "Inese Ķirsis",
    "Kārlis Kurzemnieks",
    "Jānis Ščerbina",
    "Edgars Sils",
    "Zane Zariņš",
]


def add(project, names):
    for number, (first_name, last_name) in enumerate(names):
        Participant.objects.create(
            project=project,
            first_name=first_name,
            last_name=last_name,
            email=f"person{number}@example.net",
        )


def table(client, world, language, **query):
    login(client, world.admin)
    response = client.get(
        world.project.get_absolute_url(), query, headers={"accept-language": language}
    )
    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.text
    return names_in_table(response)


@pytest.mark.parametrize(("language", "expected"), [("lv", LATVIAN), ("en", ENGLISH)])
def test_names_are_sorted_in_the_readers_language(client, world, language, expected):
    add(world.project, NAMES)
    assert table(client, world, language, sort="name") == expected
    assert table(client, world, language, sort="-name") == expected[::-1]


@pytest.mark.parametrize("q", ["ΕΛΕΝΗ", "eleni", "elenī", "Ελένη", "ELENI NIKOLAOU", "nikolaou"])
def test_search_finds_a_greek_name_in_any_script_or_case(client, world, q):
    add(world.project, [("Ελένη", "Νικολάου"), ("Elena", "Ozola"), ("Helēna", "Ābele")])
    assert table(client, world, "en", q=q) == ["Ελένη Νικολάου"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("girts", ["Ģirts Bērziņš", "Ģirts Ķēniņš"]),
        ("ĶĒNIŅŠ", ["Ģirts Ķēniņš"]),
        ("zarins", ["Zane Zariņš"]),
    ],
)
def test_search_ignores_latvian_accents(client, world, q, expected):
    add(world.project, NAMES)
    assert table(client, world, "lv", q=q) == expected


def test_search_follows_a_changed_name(client, world):
    participant = world.participant
    participant.first_name, participant.last_name = "Ελένη", "Νικολάου"
    participant.save(update_fields=["first_name", "last_name"])
    assert table(client, world, "en", q="eleni") == ["Ελένη Νικολάου"]
    assert not Participant.objects.matching("liga").filter(pk=participant.pk).exists()


def test_the_migration_fills_the_search_key_of_existing_participants(world):
    add(world.project, [("Ελένη", "Νικολάου")])
    Participant.objects.update(search_key="")
    migration = importlib.import_module("participants.migrations.0013_participant_search_key")
    migration.fill_search_keys(apps, None)
    assert list(Participant.objects.matching("eleni").values_list("last_name", flat=True)) == [
        "Νικολάου"
    ]
    assert Participant.objects.matching("kalnina").get() == world.participant


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ICU collations of PostgreSQL")
def test_postgresql_sorts_by_its_own_icu_collations(world):
    add(world.project, NAMES)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT collname, collprovider FROM pg_collation WHERE collname LIKE 'youthpass_%'"
        )
        assert dict(cursor.fetchall()) == {
            "youthpass_en": "i",
            "youthpass_lv": "i",
            "youthpass_und": "i",
        }
    participants = world.project.participants.all()
    for language, expected in (("lv", LATVIAN), ("en", ENGLISH)):
        ordered = participants.order_by(
            collated("last_name", language), collated("first_name", language)
        )
        assert [participant.full_name for participant in ordered] == expected


def test_an_erased_participant_cannot_be_found_by_the_old_name_or_e_mail(world):
    participant = world.participant
    email = participant.email
    participant.erase(keep_name=False)
    erased = Participant.objects.filter(pk=participant.pk)
    assert not erased.matching("kalnina").exists()
    assert not erased.matching(email).exists()
    assert erased.matching(participant.code).exists()
