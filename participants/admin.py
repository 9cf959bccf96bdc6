from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from participants.models import (
    EvidenceLink,
    Invitation,
    LearningOutcome,
    Participant,
    Referee,
    Review,
)
from projects.admin import ProjectAdmin as ProjectsProjectAdmin
from projects.models import Project
from youthpass_site.lib.invitation_admin import (
    INVITATION_COLUMNS,
    INVITATION_FIELDS,
    InvitationAdminBase,
    InvitationInlineBase,
)


class ParticipantsOwnWords:
    """What the participant wrote is theirs: the admin shows it but never changes it, since
    a change here would pass by the review, the versions and the submissions' history."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False


class LearningOutcomeInline(ParticipantsOwnWords, admin.StackedInline):
    model = LearningOutcome
    fields = ("competence", "text", "updated_at")


class EvidenceLinkInline(ParticipantsOwnWords, admin.TabularInline):
    model = EvidenceLink
    fields = ("url", "description")


class RefereeInline(ParticipantsOwnWords, admin.TabularInline):
    model = Referee
    fields = ("name", "role", "contact")


class ParticipantInline(admin.TabularInline):
    """The project's participants at a glance; each is edited on its own page."""

    model = Participant
    fields = ("email", "state", "user", "submitted_at", "approved_at")
    readonly_fields = fields
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.unregister(Project)


@admin.register(Project)
class ProjectAdmin(ProjectsProjectAdmin):
    """The projects' project admin, with the project's participants below."""

    inlines = (*ProjectsProjectAdmin.inlines, ParticipantInline)


class ParticipantAdminForm(forms.ModelForm):
    """Holds the participant's own period to the same rule as the organisers' form."""

    def clean(self):
        data = super().clean()
        if data.get("project") and "start_date" in data and "end_date" in data:
            self.instance.project = data["project"]
            try:
                self.instance.check_period(data["start_date"], data["end_date"])
            except ValidationError as error:
                self.add_error(None, error)
        return data


class ReviewInline(admin.TabularInline):
    """Decisions are made through the review page, which also moves the participant on."""

    model = Review
    fields = ("created_at", "decision", "comment", "by")
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class InvitationInline(InvitationInlineBase):
    model = Invitation


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "project", "state", "has_account", "submitted")
    list_filter = ("state", "project__format", "project__organisation__country")
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
    autocomplete_fields = ("project", "user")
    form = ParticipantAdminForm
    fieldsets = (
        (None, {"fields": ("project", "user", "first_name", "last_name", "email")}),
        (_("Birth"), {"fields": ("date_of_birth", "place_of_birth")}),
        (_("Period"), {"fields": ("start_date", "end_date")}),
        (
            _("For the certificate"),
            {
                "fields": (
                    "tasks",
                    "training_activities",
                    "professional_competences",
                    "dialogue_partner",
                    "training_cycle",
                    "requested_languages",
                )
            },
        ),
        # The state moves only through the process (invite, submit, review, issue), each
        # step of which also writes its own record; editing it here would skip those.
        (_("Process"), {"fields": ("state", "submitted_at", "approved_at")}),
        (_("Record"), {"fields": ("code", "created_at")}),
    )
    # The sections and the dialogue partner are the participant's own words, like the
    # outcomes (see ParticipantsOwnWords).
    readonly_fields = (
        "tasks",
        "training_activities",
        "professional_competences",
        "dialogue_partner",
        "state",
        "submitted_at",
        "approved_at",
        "code",
        "created_at",
    )
    inlines = (
        LearningOutcomeInline,
        EvidenceLinkInline,
        RefereeInline,
        ReviewInline,
        InvitationInline,
    )

    @admin.display(description=_("last and first name"), ordering=Lower("last_name"))
    def name(self, participant):
        return f"{participant.last_name}, {participant.first_name}"

    @admin.display(description=_("account"), boolean=True, ordering="user")
    def has_account(self, participant):
        return participant.user_id is not None

    @admin.display(description=_("submitted"), ordering="submitted_at")
    def submitted(self, participant):
        if participant.submitted_at is None:
            return None
        return date_format(localtime(participant.submitted_at), "SHORT_DATETIME_FORMAT")


@admin.register(Invitation)
class InvitationAdmin(InvitationAdminBase):
    list_display = ("participant", "project", *INVITATION_COLUMNS)
    list_select_related = ("participant__project", "sent_by")
    search_fields = (
        "participant__first_name",
        "participant__last_name",
        "participant__email",
        "participant__project__title",
        "sent_by__email",
    )
    fields = ("participant", *INVITATION_FIELDS)
    readonly_fields = fields

    @admin.display(description=_("project"), ordering="participant__project__title")
    def project(self, invitation):
        return invitation.participant.project


@admin.register(LearningOutcome)
class LearningOutcomeAdmin(ParticipantsOwnWords, admin.ModelAdmin):
    list_display = ("participant", "competence", "project", "updated_at")
    list_filter = ("competence",)
    list_select_related = ("participant__project",)
    search_fields = (
        "participant__first_name",
        "participant__last_name",
        "participant__email",
        "participant__project__title",
        "text",
    )
    date_hierarchy = "updated_at"
    autocomplete_fields = ("participant",)
    fields = ("participant", "competence", "text", "updated_at")

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("project"), ordering="participant__project__title")
    def project(self, outcome):
        return outcome.participant.project


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("participant", "project", "decision", "by", "created_at")
    list_filter = ("decision",)
    list_select_related = ("participant__project", "by")
    search_fields = (
        "participant__first_name",
        "participant__last_name",
        "participant__email",
        "participant__project__title",
        "comment",
    )
    date_hierarchy = "created_at"
    fields = ("participant", "decision", "comment", "by", "created_at")
    readonly_fields = fields

    @admin.display(description=_("project"), ordering="participant__project__title")
    def project(self, review):
        return review.participant.project

    # A decision is made together with the participant's change of state; one without
    # the other would leave the record inconsistent.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
