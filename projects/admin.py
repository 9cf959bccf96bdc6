from django.contrib import admin, messages
from django.db.models import Count
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

import audit
from accounts.admin import UserAdmin as AccountsUserAdmin
from accounts.models import User
from projects.models import (
    Activity,
    ColleagueInvitation,
    Membership,
    Organisation,
    PartnerOrganisation,
    Project,
)
from youthpass_site.lib.invitation_admin import INVITATION_FIELDS, InvitationAdminBase
from youthpass_site.lib.invitations import InvitationStateError


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ("user", "role", "created_at")
    readonly_fields = ("created_at",)
    autocomplete_fields = ("user",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


class UserMembershipInline(admin.TabularInline):
    model = Membership
    fields = ("organisation", "role", "created_at")
    readonly_fields = ("created_at",)
    autocomplete_fields = ("organisation",)
    extra = 0


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(AccountsUserAdmin):
    """The accounts' user admin, with the person's memberships in organisations."""

    inlines = (UserMembershipInline,)

    def get_inlines(self, request, obj):
        # Memberships need a saved user; the add page stays as short as Django's.
        return self.inlines if obj is not None else ()


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "town", "country", "member_count", "project_count", "created_at")
    list_filter = ("country",)
    search_fields = ("name", "town", "code")
    date_hierarchy = "created_at"
    fieldsets = (
        (None, {"fields": ("name",)}),
        (_("Address"), {"fields": ("street", "postcode", "town", "country", "website")}),
        (
            _("Printed on certificates"),
            {"fields": ("logo_preview", "signatory_name", "signatory_role")},
        ),
        (_("Record"), {"fields": ("code", "created_at")}),
    )
    # The logo is uploaded by the organisation's admins on the site, where it is
    # re-encoded; media files are not served, so it is shown inline here.
    readonly_fields = ("logo_preview", "code", "created_at")
    inlines = (MembershipInline,)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Membership:
            for membership in formset.new_objects + [m for m, _f in formset.changed_objects]:
                audit.record_membership(membership, actor=request.user)
            for membership in formset.deleted_objects:
                audit.record_membership(membership, actor=request.user, removed=True)

    @admin.display(description=_("logo"))
    def logo_preview(self, organisation):
        data_uri = organisation.logo_data_uri()
        if data_uri is None:
            return "—"
        return format_html('<img src="{}" alt="" height="80">', data_uri)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                member_count=Count("memberships", distinct=True),
                project_count=Count("projects", distinct=True),
            )
        )

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, organisation):
        return organisation.member_count

    @admin.display(description=_("projects"), ordering="project_count")
    def project_count(self, organisation):
        return organisation.project_count


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "role", "created_at")
    list_filter = ("role",)
    list_select_related = ("user", "organisation")
    search_fields = ("user__email", "user__first_name", "user__last_name", "organisation__name")
    autocomplete_fields = ("user", "organisation")
    fields = ("organisation", "user", "role", "created_at")
    readonly_fields = ("created_at",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.has_changed():
            audit.record_membership(obj, actor=request.user)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        audit.record_membership(obj, actor=request.user, removed=True)

    def delete_queryset(self, request, queryset):
        memberships = list(queryset.select_related("organisation"))
        super().delete_queryset(request, queryset)
        for membership in memberships:
            audit.record_membership(membership, actor=request.user, removed=True)


@admin.register(ColleagueInvitation)
class ColleagueInvitationAdmin(InvitationAdminBase):
    """Sent and answered by the organisations' admins on the site; here to look up and revoke."""

    list_display = ("email", "organisation", "role", "sent_by", *INVITATION_FIELDS[1:])
    list_select_related = ("organisation", "sent_by")
    search_fields = ("email", "organisation__name", "sent_by__email", "code")
    fields = ("code", "organisation", "email", "role", "language", *INVITATION_FIELDS)
    readonly_fields = fields

    @admin.action(description=_("Revoke the selected invitations"), permissions=["change"])
    def revoke(self, request, queryset):
        count = 0
        for invitation in queryset.usable().select_related("organisation"):
            try:
                invitation.cancel(by=request.user)
            except InvitationStateError:
                continue
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d invitation revoked.", "%(count)d invitations revoked.", count)
            % {"count": count},
            messages.SUCCESS,
        )


class PartnerInline(admin.TabularInline):
    model = PartnerOrganisation
    fields = ("name", "town", "country")
    extra = 0


class ActivityInline(admin.StackedInline):
    model = Activity
    fields = (
        ("title", "start_date", "end_date"),
        ("venue_town", "venue_country"),
        "organisations_in_charge",
        "aims",
        "activities",
        "results",
    )
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "organisation",
        "format",
        "grant_number",
        "dates",
        "venue_country",
        "participant_count",
    )
    list_filter = ("format", "venue_country", "organisation__country")
    list_select_related = ("organisation",)
    search_fields = ("title", "grant_number", "code", "organisation__name", "venue_town")
    date_hierarchy = "start_date"
    autocomplete_fields = ("organisation", "created_by")
    fieldsets = (
        (None, {"fields": ("organisation", "format", "title", "grant_number")}),
        (
            _("Dates and venue"),
            {"fields": ("start_date", "end_date", "venue_town", "venue_country")},
        ),
        (None, {"fields": ("description", "print_part3")}),
        (_("Record"), {"fields": ("code", "created_by", "created_at")}),
    )
    readonly_fields = ("code", "created_at")
    inlines = (PartnerInline, ActivityInline)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(participant_count=Count("participants"))

    @admin.display(description=_("dates"), ordering="start_date")
    def dates(self, project):
        return "{} – {}".format(
            date_format(project.start_date, "SHORT_DATE_FORMAT"),
            date_format(project.end_date, "SHORT_DATE_FORMAT"),
        )

    @admin.display(description=_("participants"), ordering="participant_count")
    def participant_count(self, project):
        return project.participant_count

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
