"""Deleting a person's account and erasing their records.

The deletion crosses every app: one place that goes through them all is easier to keep
complete than a method on each model. The rules for each row are the models' own
(Participant.erase, SupportPerson.erase, Certificate.reduce_to_public_part); this module
decides which rows go, and removes the stored files once the transaction has committed.
"""

from django.core.files.storage import default_storage
from django.db import transaction

import audit
from certificates.models import Certificate
from dashboard.models import ParticipantImport
from jobs.models import Job
from participants.models import Participant
from projects.models import ColleagueInvitation, Membership, MembershipRole, Organisation
from support.models import SupportPerson


def orphaned_organisations(user):
    """Organisations where the person is the only admin: deleting would leave them unrun."""
    administered = Membership.objects.filter(user=user, role=MembershipRole.ADMIN).values(
        "organisation"
    )
    other_admins = Membership.objects.filter(role=MembershipRole.ADMIN).exclude(user=user)
    return Organisation.objects.filter(pk__in=administered).exclude(
        pk__in=other_admins.values("organisation")
    )


class LastAdmin(Exception):
    def __init__(self, organisations):
        super().__init__(", ".join(o.name for o in organisations))
        self.organisations = organisations


def remove_files_after_commit(files: list[str]) -> None:
    """Delete the stored files once the transaction has committed, so that a failure
    leaves nothing half deleted."""

    def remove_files():
        for name in files:
            default_storage.delete(name)

    transaction.on_commit(remove_files)


def erase_participant(participant, files: list, *, keep_name: bool = True) -> None:
    """Erase one participation; keep a bare record only where a valid certificate exists.

    The participant's own writing, birth data and e-mail go in every case. A valid
    certificate stays verifiable (holder's name and project, frozen at issue), so the
    row it hangs on stays too, with only the name; its PDF goes, because it prints the
    birth data and the texts. Revoked and replaced certificates are deleted. Every ZIP
    made by a background task that holds one of the participant's certificates goes.
    """
    files.extend(entry.photo.name for entry in participant.journal_entries.all() if entry.photo)
    files.extend(delete_results(Job.objects.holding(participant)))
    certificates = list(participant.certificates.all())
    files.extend(
        certificate.pdf.name
        for certificate in certificates
        if certificate.pdf and not certificate.is_valid
    )

    # Replaced certificates point to their successors (PROTECT): cut the links first.
    participant.certificates.exclude(state=Certificate.State.VALID).update(replaced_by=None)
    participant.certificates.exclude(state=Certificate.State.VALID).delete()
    valid = [c for c in certificates if c.is_valid]
    if not valid:
        participant.delete()
        return
    for certificate in valid:
        pdf_name = certificate.reduce_to_public_part()
        if pdf_name:
            files.append(pdf_name)
    participant.erase(keep_name=keep_name)


def delete_results(jobs) -> list[str]:
    """Empty the result of each of these jobs; returns the files to delete."""
    names = []
    for job in jobs.exclude(result=""):
        names.append(job.result.name)
        job.forget_result()
    return names


def forget_in_imports(emails) -> None:
    """Drop the rows naming these e-mail addresses from the previews not imported yet."""
    for preview in ParticipantImport.objects.filter(imported_at__isnull=True):
        preview.forget_rows(emails)


def delete_account(user) -> None:
    """Delete the person's account and what they wrote, in one transaction.

    Refused with LastAdmin where an organisation would be left without an admin.
    Invitations to join an organisation sent to the person's address are deleted.
    Support roles stay with the account unlinked: the feedback a mentor or supervisor
    wrote is part of the participant's record (and the supervisor's assessment may be
    printed on an issued certificate), so it is kept under the name the organiser
    entered; only the e-mail address and the link to the account go.
    Stored files are removed only once the transaction has committed, so that a
    failure leaves nothing half deleted.
    """
    files: list[str] = []
    with transaction.atomic():
        # The same lock as a change of role (Membership.change_role): an admin leaving
        # this way while another steps down must not leave the organisation with none.
        list(
            Organisation.objects.select_for_update()
            .filter(memberships__user=user, memberships__role=MembershipRole.ADMIN)
            .order_by("pk")
            .values_list("pk")
        )
        orphaned = list(orphaned_organisations(user))
        if orphaned:
            raise LastAdmin(orphaned)
        participants = list(Participant.objects.filter(user=user).select_for_update())
        roles = list(SupportPerson.objects.filter(user=user))
        forget_in_imports({user.email, *(p.email for p in participants), *(r.email for r in roles)})
        audit.record_deletion(user, participants)
        for participant in participants:
            erase_participant(participant, files)
        for role in roles:
            role.erase()
        # Invitations to join an organisation name the address and nothing else: pending
        # ones would let the person back in, answered ones are of no more use.
        ColleagueInvitation.objects.filter(email__iexact=user.email).delete()
        user.delete()
    remove_files_after_commit(files)
