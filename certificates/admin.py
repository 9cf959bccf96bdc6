import json

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate, OrganisationKey
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
        (
            None,
            {
                "fields": (
                    "certificate_id",
                    "participant",
                    "language",
                    "issued_at",
                    "issued_by",
                    "pdf_file",
                    "verification_page",
                )
            },
        ),
        (
            _("State"),
            {
                "fields": (
                    "state",
                    "state_changed_at",
                    "state_changed_by",
                    "state_reason",
                    "replaced_by",
                )
            },
        ),
        (_("Printed content"), {"fields": ("printed_content",)}),
    )
    readonly_fields = (
        "certificate_id",
        "participant",
        "language",
        "issued_at",
        "issued_by",
        "pdf_file",
        "verification_page",
        "state",
        "state_changed_at",
        "state_changed_by",
        "state_reason",
        "replaced_by",
        "printed_content",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "<path:object_id>/pdf/",
                self.admin_site.admin_view(self.pdf_view),
                name="certificates_certificate_pdf",
            ),
            *super().get_urls(),
        ]

    def pdf_view(self, request, object_id):
        """The stored PDF for operators, who are not members of the issuing organisation."""
        certificate = self.get_object(request, unquote(object_id))
        if certificate is None:
            raise Http404
        if not self.has_view_permission(request, certificate):
            raise PermissionDenied
        return FileResponse(
            certificate.pdf.open("rb"),
            as_attachment=True,
            filename=certificate.filename,
            content_type="application/pdf",
        )

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

    @admin.display(description=_("PDF"))
    def pdf_file(self, certificate):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:certificates_certificate_pdf", args=[certificate.pk]),
            certificate.filename,
        )

    @admin.display(description=_("verification page"))
    def verification_page(self, certificate):
        url = certificate.verification_url
        return format_html('<a href="{}">{}</a>', url, url)

    @admin.display(description=_("printed content"))
    def printed_content(self, certificate):
        return format_html(
            '<pre style="white-space: pre-wrap">{}</pre>',
            json.dumps(certificate.snapshot, indent=2, ensure_ascii=False),
        )


@admin.register(OrganisationKey)
class OrganisationKeyAdmin(admin.ModelAdmin):
    """The organisations' credential signing keys: the public part only, for looking up.

    Keys are made on an organisation's first issue and rotated with
    `manage.py rotate_credential_key`; the private part never leaves the database.
    """

    list_display = ("organisation", "public_key_multibase", "created_at", "retired_at")
    list_select_related = ("organisation",)
    search_fields = ("organisation__name", "organisation__code", "public_key_multibase")
    fields = (
        "organisation",
        "public_key_multibase",
        "verification_method",
        "created_at",
        "retired_at",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("verification method"))
    def verification_method(self, key):
        return key.verification_method
