import json

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate
from youthpass_site.lib.codes import normalise_certificate_id


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """Issued certificates, for looking up only.

    What was issued is frozen; a correction is a new certificate, and revoking one goes
    through the organisers' pages, which record who did it and why.
    """

    list_display = (
        "certificate_id",
        "holder",
        "project",
        "organisation",
        "language",
        "state",
        "issued_at",
    )
    list_filter = ("state", "language", "participant__project__format")
    list_select_related = ("participant__project__organisation",)
    search_fields = (
        "certificate_id",
        "participant__first_name",
        "participant__last_name",
        "participant__email",
        "participant__project__title",
        "participant__project__grant_number",
        "participant__project__organisation__name",
    )
    date_hierarchy = "issued_at"
    fieldsets = (
        (None, {"fields": ("certificate_id", "participant", "language", "issued_at", "issued_by")}),
        (_("State"), {"fields": ("state", "state_changed_at", "state_reason")}),
        (_("Printed content"), {"fields": ("printed_content",)}),
    )
    readonly_fields = (
        "certificate_id",
        "participant",
        "language",
        "issued_at",
        "issued_by",
        "state",
        "state_changed_at",
        "state_reason",
        "printed_content",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_search_results(self, request, queryset, search_term):
        # IDs get read from paper and typed in any case, without dashes or with O for 0.
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        certificate_id = normalise_certificate_id(search_term)
        if certificate_id:
            results |= queryset.filter(certificate_id=certificate_id)
        return results, may_have_duplicates

    @admin.display(description=_("holder"), ordering="participant__last_name")
    def holder(self, certificate):
        return certificate.participant

    @admin.display(description=_("project"), ordering="participant__project__title")
    def project(self, certificate):
        return certificate.participant.project

    @admin.display(
        description=_("organisation"), ordering="participant__project__organisation__name"
    )
    def organisation(self, certificate):
        return certificate.participant.project.organisation

    @admin.display(description=_("printed content"))
    def printed_content(self, certificate):
        return format_html(
            '<pre style="white-space: pre-wrap">{}</pre>',
            json.dumps(certificate.snapshot, indent=2, ensure_ascii=False),
        )
