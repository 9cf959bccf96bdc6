from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from support.models import Feedback, SupervisorAssessment, SupportInvitation, SupportPerson

# As for participants' invitations: the token hash means nothing to an operator, and
# setting it to the hash of a token of one's own choosing would take over someone's role.
INVITATION_FIELDS = ("sent_by", "created_at", "expires_at", "accepted_at", "revoked_at")


class SupportInvitationInline(admin.TabularInline):
    model = SupportInvitation
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
    list_display = (
        "last_name",
        "first_name",
        "email",
        "role",
        "project",
        "organisation",
        "user",
        "accepted_at",
    )
    list_display_links = ("last_name", "first_name")
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

    @admin.display(description=_("organisation"), ordering="project__organisation__name")
    def organisation(self, support_person):
        return support_person.project.organisation


@admin.register(SupportInvitation)
class SupportInvitationAdmin(admin.ModelAdmin):
    list_display = ("support_person", "project", "sent_by", *INVITATION_FIELDS[1:])
    list_filter = (
        ("accepted_at", admin.EmptyFieldListFilter),
        ("revoked_at", admin.EmptyFieldListFilter),
    )
    list_select_related = ("support_person__project", "sent_by")
    search_fields = (
        "support_person__first_name",
        "support_person__last_name",
        "support_person__email",
        "support_person__project__title",
        "sent_by__email",
    )
    date_hierarchy = "created_at"
    fields = ("support_person", *INVITATION_FIELDS)
    readonly_fields = fields
    actions = ("revoke",)

    @admin.display(description=_("project"), ordering="support_person__project__title")
    def project(self, invitation):
        return invitation.support_person.project

    def has_add_permission(self, request):
        # An invitation is only useful with its e-mailed token, which the admin never sees.
        return False

    @admin.action(description=_("Revoke the selected invitations"), permissions=["change"])
    def revoke(self, request, queryset):
        count = queryset.usable().update(revoked_at=timezone.now())
        self.message_user(
            request,
            ngettext("%(count)d invitation revoked.", "%(count)d invitations revoked.", count)
            % {"count": count},
            messages.SUCCESS,
        )


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
