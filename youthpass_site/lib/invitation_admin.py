"""Admin for e-mailed invitations (participants' and support persons'), read-only.

The token hash stays out of the admin: it means nothing to an operator, and setting it to
the hash of a token of one's own choosing would take over someone else's record or role.
"""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

INVITATION_FIELDS = ("sent_by", "created_at", "expires_at", "accepted_at", "revoked_at")
# A list shows the dates in one column, the state, so that it fits a laptop's screen.
INVITATION_COLUMNS = ("sent_by", "created_at", "state")


class InvitationInlineBase(admin.TabularInline):
    fields = INVITATION_FIELDS
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("sent_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class InvitationAdminBase(admin.ModelAdmin):
    """Subclasses name the invited record's fields: list_display, search_fields, fields."""

    list_filter = (
        ("accepted_at", admin.EmptyFieldListFilter),
        ("revoked_at", admin.EmptyFieldListFilter),
    )
    date_hierarchy = "created_at"
    actions = ("revoke",)

    def has_add_permission(self, request):
        # An invitation is only useful with its e-mailed token, which the admin never sees.
        return False

    @admin.display(description=_("state"))
    def state(self, invitation):
        if invitation.accepted_at:
            return _("Accepted on %(date)s") % {"date": date_format(invitation.accepted_at)}
        if invitation.revoked_at:
            return _("Revoked on %(date)s") % {"date": date_format(invitation.revoked_at)}
        if invitation.expires_at <= timezone.now():
            return _("Expired on %(date)s") % {"date": date_format(invitation.expires_at)}
        return _("Open until %(date)s") % {"date": date_format(invitation.expires_at)}

    @admin.action(description=_("Revoke the selected invitations"), permissions=["change"])
    def revoke(self, request, queryset):
        count = queryset.usable().update(revoked_at=timezone.now())
        self.message_user(
            request,
            ngettext("%(count)d invitation revoked.", "%(count)d invitations revoked.", count)
            % {"count": count},
            messages.SUCCESS,
        )
