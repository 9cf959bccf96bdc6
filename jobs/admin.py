from django.contrib import admin

from jobs.models import Job, JobItem


class JobItemInline(admin.TabularInline):
    model = JobItem
    fields = ["participant", "state", "error", "started_at", "finished_at"]
    readonly_fields = fields
    can_delete = False
    extra = 0
    max_num = 0
    show_change_link = False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["code", "kind", "project", "state", "created_by", "created_at", "finished_at"]
    list_filter = ["kind", "state"]
    list_select_related = ["project", "created_by"]
    search_fields = ["code", "project__title", "project__code"]
    readonly_fields = [
        "code",
        "project",
        "kind",
        "state",
        "options",
        "language",
        "created_by",
        "created_at",
        "progressed_at",
        "finished_at",
        "result",
        "result_error",
    ]
    inlines = [JobItemInline]

    def has_add_permission(self, request):
        return False
