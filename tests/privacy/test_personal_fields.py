"""Every field that can hold personal data is either erased or kept for a stated reason.

A field added to a model fails `test_every_field_is_classified` until someone puts it in
one of the lists below, with its reason: erased (by account deletion, retention's
pseudonymisation or both), in a model whose rows are deleted with the person's record,
or kept on purpose.
"""

import datetime
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone

from participants.models import Participant
from support.models import SupportPerson

# Every app of the project's own, whatever it is called: a new app's fields count too.
PROJECT_APPS = {
    config.label
    for config in apps.get_app_configs()
    if Path(config.path).parent == Path(settings.BASE_DIR)
}

# Fields that erasure or pseudonymisation empties or replaces.
ERASED = {
    "participants.Participant": {
        "first_name": "pseudonymised by retention; kept on deletion for a valid certificate",
        "last_name": "pseudonymised by retention; kept on deletion for a valid certificate",
        "email": "replaced by an address that reaches nobody",
        "search_key": "made again from the name and e-mail address on every save",
        "date_of_birth": "emptied",
        "place_of_birth": "emptied",
        "country": "emptied",
        "tasks": "emptied",
        "training_activities": "emptied",
        "professional_competences": "emptied",
        "training_cycle": "emptied",
        "dialogue_partner": "emptied",
        "requested_languages": "emptied",
    },
    "support.SupportPerson": {
        "email": "replaced by an address that reaches nobody; the row goes at retention",
    },
    "certificates.Certificate": {
        "snapshot": "cut to the public part (Certificate.reduce_to_public_part)",
        "pdf": "deleted with its file",
        "credential": (
            "holds the name, texts and a salted hash of the e-mail address: emptied with "
            "the PDF (Certificate.reduce_to_public_part)"
        ),
        "state_reason": "set only on revoked and replaced certificates, which are deleted",
    },
    "jobs.Job": {
        "result": "deleted with the people and projects it holds, and when it expires",
    },
    "dashboard.ParticipantImport": {
        "rows": "rows naming the person are dropped; the preview goes at retention",
        "content": "the stored file goes when it names the person; the preview goes at retention",
    },
    "audit.AuditEvent": {
        "actor_label": "emptied on the person's data downloads when the account is deleted",
    },
}

# Models whose rows are deleted with the person's record (Participant.erase, retention).
DELETED = {
    "accounts.User": "the account itself is deleted",
    "participants.Invitation": "deleted by Participant.erase",
    "participants.LearningOutcome": "deleted by Participant.erase",
    "participants.EvidenceLink": "deleted by Participant.erase",
    "participants.Referee": "deleted by Participant.erase",
    "participants.Review": "deleted by Participant.erase",
    "participants.ReviewComment": "deleted with its review",
    "participants.Submission": "deleted by Participant.erase",
    "participants.Goal": "deleted by Participant.erase",
    "participants.JournalEntry": "deleted by Participant.erase, with its photo",
    "support.SupportInvitation": "deleted by SupportPerson.erase",
    "projects.ColleagueInvitation": (
        "deleted with the account of the address it names (privacy.erasure.delete_account) "
        "and with its organisation"
    ),
    "support.SupervisorAssessment": "deleted by Participant.erase",
    "support.Feedback": "deleted with the goal or journal entry it is on",
}

# Fields kept on purpose, each with its reason.
KEPT = {
    "accounts.SignupRequest": {
        "token_hash": "a hash of a random token",
        "email": "an unconfirmed sign-up of someone without an account; it expires",
        "first_name": "an unconfirmed sign-up of someone without an account; it expires",
        "last_name": "an unconfirmed sign-up of someone without an account; it expires",
        "organisation_name": "an organisation's name",
        "password": "a password hash of an unconfirmed sign-up; it expires",
        "language": "one of the site's languages",
    },
    "projects.Organisation": {
        "code": "a random code",
        "name": "the organisation's",
        "street": "the organisation's",
        "postcode": "the organisation's",
        "town": "the organisation's",
        "country": "the organisation's",
        "website": "the organisation's",
        "logo": "the organisation's; left out of a reduced certificate snapshot",
        "signatory_name": "the organisation's signatory, in that role",
        "signatory_role": "the organisation's",
    },
    "projects.Membership": {"code": "a random code", "role": "one of a fixed list"},
    "projects.Project": {
        "code": "a random code",
        "format": "one of a fixed list",
        "title": "the organisation's project",
        "grant_number": "the organisation's project",
        "start_date": "the organisation's project",
        "end_date": "the organisation's project",
        "venue_town": "the organisation's project",
        "venue_country": "the organisation's project",
        "description": "the organisation's project",
        "deadline": "the organisation's project",
        "reminder_days": "numbers of days",
        "submission_notices": "one of a fixed list",
    },
    "projects.PartnerOrganisation": {
        "code": "a random code",
        "name": "an organisation's",
        "town": "an organisation's",
        "country": "an organisation's",
    },
    "projects.Activity": {
        "code": "a random code",
        "title": "the organisation's project",
        "start_date": "the organisation's project",
        "end_date": "the organisation's project",
        "venue_town": "the organisation's project",
        "venue_country": "the organisation's project",
        "organisations_in_charge": "the organisation's project",
        "aims": "the organisation's project",
        "activities": "the organisation's project",
        "results": "the organisation's project",
    },
    "dashboard.ScheduledReminder": {"deadline": "the project's deadline"},
    "participants.Participant": {
        "code": "a random code",
        "role": "one of a fixed list",
        "language": "one of the site's languages",
        "state": "one of a fixed list",
        "start_date": "the period of the participation that a valid certificate states",
        "end_date": "the period of the participation that a valid certificate states",
    },
    "dashboard.ParticipantImport": {
        "code": "a random code",
        "file_name": "the organiser's file name",
        "columns": "the file's column headers",
        "warnings": "problems of the file as a whole, in the site's words",
        "encoding": "the name of a character encoding",
    },
    "certificates.Certificate": {
        "certificate_id": "a random code",
        "language": "one of the site's languages",
        "state": "one of a fixed list",
    },
    "support.SupportPerson": {
        "code": "a random code",
        "first_name": "stays with the feedback written under it; the row goes at retention",
        "last_name": "stays with the feedback written under it; the row goes at retention",
        "role": "one of a fixed list",
        "language": "one of the site's languages",
    },
    "certificates.OrganisationKey": {
        "public_key_multibase": "the organisation's public signing key",
        "encrypted_private_key": "the organisation's signing key, encrypted",
    },
    "certificates.StatusList": {
        "purpose": "one of a fixed list",
        "bits": "one bit per credential, set when revoked; names nobody",
        "credential": "the signed list of those bits, issued by the organisation",
    },
    "audit.AuditEvent": {
        "action": "one of a fixed list",
        "target": "a certificate ID or a record's code",
    },
    "jobs.Job": {
        "code": "a random code",
        "kind": "one of a fixed list",
        "state": "one of a fixed list",
        "options": "the task's settings and the ZIP's name, made from the project's title",
        "language": "one of the site's languages",
        "result_error": "a reason in the site's words",
    },
    "jobs.JobItem": {
        "state": "one of a fixed list",
        "error": "a reason in the site's words",
    },
}

# Kinds of field that cannot hold personal data: flags, counts and timestamps.
HARMLESS = (
    models.BooleanField,
    models.IntegerField,
    models.DateTimeField,
    models.AutoField,
)


def _personal_fields():
    """(model label, field) for every field of the project's models that could hold it."""
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            if not field.concrete or field.auto_created or isinstance(field, HARMLESS):
                continue
            if field.is_relation and field.related_model is not apps.get_model("accounts.User"):
                continue  # A link between the project's own rows.
            yield model._meta.label, field


def test_every_field_is_classified():
    unclassified = []
    for label, field in _personal_fields():
        if field.is_relation:
            continue  # links to an account: see test_links_to_an_account_go_with_it
        if label in DELETED:
            continue
        if field.name in ERASED.get(label, {}) or field.name in KEPT.get(label, {}):
            continue
        unclassified.append(f"{label}.{field.name}")
    assert unclassified == [], (
        "These fields may hold personal data: add each to ERASED, DELETED or KEPT in "
        f"{__name__} with its reason: {unclassified}"
    )


def test_the_lists_name_only_existing_fields_once():
    existing = {(label, field.name) for label, field in _personal_fields()}
    for listing in (ERASED, KEPT):
        for label, fields in listing.items():
            for name, reason in fields.items():
                assert (label, name) in existing, f"{label}.{name} is no field that counts"
                assert reason.strip()
    both = {(label, name) for label, fields in ERASED.items() for name in fields} & {
        (label, name) for label, fields in KEPT.items() for name in fields
    }
    assert both == set()
    for label in DELETED:
        apps.get_model(label)


def test_links_to_an_account_go_with_it():
    """A link to a deleted account is cut or its row deleted, never left pointing."""
    for label, field in _personal_fields():
        if field.many_to_many:
            continue  # the link rows go with the account
        if field.is_relation:
            assert field.remote_field.on_delete in (models.SET_NULL, models.CASCADE), (
                f"{label}.{field.name}"
            )


def _fill(instance, values):
    for name, value in values.items():
        setattr(instance, name, value)
    instance.save()
    return values


@pytest.mark.parametrize("keep_name", [True, False])
def test_erasing_a_participant_leaves_none_of_the_erased_values(world, keep_name):
    participant = world.participant
    original = _fill(
        participant,
        {
            "first_name": "Līga",
            "last_name": "Kalniņa",
            "email": "liga.kalnina@example.org",
            "date_of_birth": datetime.date(2004, 5, 17),
            "place_of_birth": "Rēzekne",
            "country": "LV",
            "tasks": "Ran the radio desk.",
            "training_activities": "A course in interviewing.",
            "professional_competences": "Sound editing.",
            "training_cycle": [{"event": "on_arrival", "date": "2026-07-02"}],
            "dialogue_partner": "Maija Liepa",
            "requested_languages": ["lv", "en"],
        },
    )
    original["search_key"] = participant.search_key
    assert "liga kalnina liga.kalnina@example.org" in original["search_key"]
    assert set(original) == set(ERASED["participants.Participant"])

    participant.erase(keep_name=keep_name)
    participant.refresh_from_db()

    assert participant.is_erased
    assert participant.user is None
    remaining = {name: getattr(participant, name) for name in original}
    if keep_name:
        assert (remaining.pop("first_name"), remaining.pop("last_name")) == ("Līga", "Kalniņa")
    for name, value in remaining.items():
        assert value != original[name], name
        assert str(original[name]) not in str(value), name
    assert Participant.objects.not_erased().filter(pk=participant.pk).count() == 0


def test_erasing_a_support_person_leaves_none_of_the_erased_values(world):
    person = SupportPerson.objects.create(
        project=world.project,
        user=world.other_participant_user,
        first_name="Maija",
        last_name="Liepa",
        email="maija.liepa@example.org",
        role="mentor",
        accepted_at=timezone.now(),
    )
    original = {"email": person.email}
    assert set(original) == set(ERASED["support.SupportPerson"])

    person.erase()
    person.refresh_from_db()

    assert person.is_erased and person.user is None
    assert "maija.liepa" not in person.email
    assert SupportPerson.objects.not_erased().filter(pk=person.pk).count() == 0
