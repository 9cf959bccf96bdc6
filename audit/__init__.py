"""An audit log of sensitive actions: who did what, when, for which organisation.

The domain methods call `record` where the action happens, inside their transaction,
so that an action and its log entry are stored together or not at all.
"""


def record(action: str, *, actor, organisation, target: str = ""):
    """Store one event. `target` names the object by its code or ID, never a person."""
    from audit.models import AuditEvent

    return AuditEvent.objects.create(
        action=AuditEvent.Action(action),
        actor=actor,
        actor_label=actor.email if actor is not None else "",
        organisation=organisation,
        target=target[: AuditEvent._meta.get_field("target").max_length],
    )


def record_deletion(user, participants):
    """Log an account deletion without saying whose: the person asked to be forgotten.

    One event for each organisation the person took part in or was a member of, so that
    its admins see why a record lost its details; the participant code stays as target.
    The person's own data downloads lose their e-mail address too.
    """
    from audit.models import AuditEvent

    AuditEvent.objects.filter(actor=user, action=AuditEvent.Action.DATA_EXPORTED).update(
        actor_label=""
    )
    events = [(p.project.organisation, p.code) for p in participants]
    events += [(m.organisation, "") for m in user.memberships.select_related("organisation")]
    for organisation, target in events or [(None, "")]:
        record("account_deleted", actor=None, organisation=organisation, target=target)


def record_membership(membership, *, actor, removed: bool = False):
    """A role given, changed or taken away; the member is named by account number only."""
    change = "removed" if removed else membership.role
    record(
        "membership_changed",
        actor=actor,
        organisation=membership.organisation,
        target=f"user {membership.user_id}: {change}",
    )


def record_invitation(invitation, action: str, *, actor, member: int | None = None):
    """A colleague invited, an invitation cancelled, or accepted by account `member`.

    The invited address stays out of the log: the invitation is named by its code.
    """
    target = f"invitation {invitation.code}: {invitation.role}"
    if member is not None:
        target = f"user {member}: {invitation.role} (invitation {invitation.code})"
    record(action, actor=actor, organisation=invitation.organisation, target=target)
