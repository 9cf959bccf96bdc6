from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the application only."""

    list_display = ("created_at", "action", "actor_label", "organisation", "target")
    list_filter = ("action",)
    list_select_related = ("organisation",)
    search_fields = ("actor_label", "target", "organisation__name")
    date_hierarchy = "created_at"
    fields = ("created_at", "action", "actor", "actor_label", "organisation", "target")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
