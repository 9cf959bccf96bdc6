from django import forms
from django.contrib import admin
from django.db.models.functions import Lower
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from support.models import Feedback, SupervisorAssessment, SupportInvitation, SupportPerson
from youthpass_site.lib.invitation_admin import (
    INVITATION_COLUMNS,
    INVITATION_FIELDS,
    InvitationAdminBase,
    InvitationInlineBase,
)


class SupportInvitationInline(InvitationInlineBase):
    model = SupportInvitation


class SupportPersonAdminForm(forms.ModelForm):
    """Holds assignments to the same rule as the organisers' form: within the project."""

    def clean(self):
        data = super().clean()
        project = data.get("project")
        others = [p for p in data.get("participants", []) if project and p.project_id != project.pk]
        if others:
            self.add_error(
                "participants",
                _("Only participants of the support person’s project can be assigned: %(names)s")
                % {"names": ", ".join(participant.full_name for participant in others)},
            )
        return data


@admin.register(SupportPerson)
class SupportPersonAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "role", "project", "accepted")
    list_filter = (
        "role",
        ("accepted_at", admin.EmptyFieldListFilter),
        "project__format",
        "project__organisation__country",
    )
    list_select_related = ("project__organisation", "user")
    search_fields = (
        "first_name",
        "last_name",
        "email",
        "code",
        "user__email",
        "project__title",
        "project__grant_number",
        "project__organisation__name",
    )
    date_hierarchy = "created_at"
    autocomplete_fields = ("project", "user", "participants")
    form = SupportPersonAdminForm
    fieldsets = (
        (None, {"fields": ("project", "role", "first_name", "last_name", "email")}),
        (_("Account"), {"fields": ("user", "accepted_at")}),
        (_("Assigned participants"), {"fields": ("participants",)}),
        (_("Record"), {"fields": ("code", "created_at")}),
    )
    readonly_fields = ("accepted_at", "code", "created_at")
    inlines = (SupportInvitationInline,)

    @admin.display(description=_("last and first name"), ordering=Lower("last_name"))
    def name(self, support_person):
        return f"{support_person.last_name}, {support_person.first_name}"

    @admin.display(description=_("accepted"), boolean=True, ordering="accepted_at")
    def accepted(self, support_person):
        return support_person.accepted_at is not None


@admin.register(SupportInvitation)
class SupportInvitationAdmin(InvitationAdminBase):
    list_display = ("support_person", "project", *INVITATION_COLUMNS)
    list_select_related = ("support_person__project", "sent_by")
    search_fields = (
        "support_person__first_name",
        "support_person__last_name",
        "support_person__email",
        "support_person__project__title",
        "sent_by__email",
    )
    fields = ("support_person", *INVITATION_FIELDS)
    readonly_fields = fields

    @admin.display(description=_("project"), ordering="support_person__project__title")
    def project(self, invitation):
        return invitation.support_person.project


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    """Readable for the operator, who may delete abusive feedback but not put words in
    a support person's mouth."""

    list_display = ("author", "participant", "about", "created_at", "updated_at")
    list_filter = ("author__role",)
    list_select_related = (
        "author",
        "goal__participant__project",
        "entry__participant__project",
    )
    search_fields = (
        "author__first_name",
        "author__last_name",
        "author__email",
        "goal__participant__first_name",
        "goal__participant__last_name",
        "entry__participant__first_name",
        "entry__participant__last_name",
        "text",
    )
    date_hierarchy = "created_at"
    fields = ("author", "goal", "entry", "text", "code", "created_at", "updated_at")
    readonly_fields = fields

    @admin.display(description=_("participant"))
    def participant(self, feedback):
        return feedback.participant

    @admin.display(description=_("about"))
    def about(self, feedback):
        if feedback.goal:
            return _("Goal: %(title)s") % {"title": feedback.goal.title}
        return _("Journal entry of %(date)s") % {
            "date": date_format(feedback.entry.date, "DATE_FORMAT")
        }

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SupervisorAssessment)
class SupervisorAssessmentAdmin(admin.ModelAdmin):
    """Readable only: the text is the supervisor's, the agreement the participant's."""

    list_display = ("participant", "project", "written_by", "included", "version", "updated_at")
    list_filter = (("consent_at", admin.EmptyFieldListFilter), "participant__project__format")
    list_select_related = ("participant__project", "author")
    search_fields = (
        "participant__first_name",
        "participant__last_name",
        "participant__email",
        "participant__project__title",
        "author__first_name",
        "author__last_name",
        "author_name",
        "text",
    )
    date_hierarchy = "updated_at"
    fields = (
        "participant",
        "author",
        "author_name",
        "text",
        "version",
        "updated_at",
        "consent_at",
    )
    readonly_fields = fields

    @admin.display(description=_("project"), ordering="participant__project__title")
    def project(self, assessment):
        return assessment.participant.project

    @admin.display(description=_("written by"), ordering="author_name")
    def written_by(self, assessment):
        return assessment.written_by

    @admin.display(description=_("agreed"), boolean=True, ordering="consent_at")
    def included(self, assessment):
        return assessment.included

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
