"""Forms for the learning plan and the journal, saved through participants.versioned_save."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from participants.competences import COMPETENCE_BY_KEY
from participants.forms import WebURLField
from participants.models import Goal, JournalEntry
from participants.versioned_save import VersionedModelForm
from projects.forms import DateInput
from youthpass_site.lib.images import ACCEPTED_TYPES, Refusals, decode_upload, jpeg

# Journal photos


PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_SIZE = (1600, 1600)
PHOTO_REFUSALS = Refusals(
    too_large=_("The photo is larger than 5 MB. Upload a smaller image."),
    too_many_pixels=_(
        "The photo has too many pixels. Upload an image of at most %(megapixels)s megapixels."
    ),
    not_an_image=_("Upload the photo as a JPEG, PNG or WebP image."),
)


def reencode_photo(upload) -> ContentFile:
    """The uploaded photo as a new JPEG of at most 1600 px, without metadata; or ValidationError.

    Like organisation logos, only the decoded pixels are kept (youthpass_site.lib.images).
    """
    picture = decode_upload(upload, PHOTO_MAX_BYTES, PHOTO_REFUSALS, max(PHOTO_MAX_SIZE))
    return ContentFile(jpeg(picture, PHOTO_MAX_SIZE), name="photo.jpg")


class PhotoField(forms.FileField):
    """An image upload that comes out as the re-encoded JPEG of reencode_photo()."""

    widget = forms.FileInput(attrs={"accept": ACCEPTED_TYPES})

    def to_python(self, data):
        upload = super().to_python(data)
        return None if upload is None else reencode_photo(upload)


# Plan and journal


def competence_choices(participant, keep: Iterable[str] = ()) -> list[tuple[str, Any]]:
    """The competences of the participant's framework; `keep` adds keys already chosen
    under another framework (the project's format changed since), so they are not lost."""
    keys = [competence.key for competence in participant.framework.competences]
    keys += [key for key in keep if key and key not in keys and key in COMPETENCE_BY_KEY]
    return [(key, COMPETENCE_BY_KEY[key].name) for key in keys]


class GoalForm(VersionedModelForm):
    versioned = ("title", "competence", "how", "helpers", "success", "shared")
    autosaved = ("title", "how", "helpers", "success")

    class Meta:
        model = Goal
        fields = ["title", "competence", "how", "helpers", "success", "shared"]
        widgets = {
            "how": forms.Textarea(attrs={"rows": 3}),
            "helpers": forms.Textarea(attrs={"rows": 2}),
            "success": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "title": _("One thing, in a few words, e.g. “Speak in front of a group”."),
            "how": _("Activities, tasks or situations where you can practise, and by when."),
            "helpers": _("A mentor, a team mate, a trainer, a friend…"),
            "success": _("What will you be able to do, or what will show it?"),
        }

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competence"] = forms.ChoiceField(
            label=_("Competence"),
            required=False,
            choices=[
                ("", _("No particular competence")),
                *competence_choices(participant, keep=[self.instance.competence]),
            ],
            help_text=_("The competence this goal belongs to, if any."),
        )
        self.add_version_fields()


class JournalEntryForm(VersionedModelForm):
    versioned = ("date", "text", "competences", "link", "shared")
    autosaved = ("text",)

    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)

    class Meta:
        model = JournalEntry
        fields = ["date", "text", "competences", "link", "photo", "shared"]
        widgets = {
            "date": DateInput(),
            "text": forms.Textarea(attrs={"rows": 8}),
            "link": forms.URLInput(attrs={"placeholder": "https://"}),
        }
        labels = {"text": _("What happened, and what did you learn from it?")}
        help_texts = {
            "photo": _(
                "Optional. JPEG, PNG or WebP, at most 5 MB. Only you see it, and your "
                "support persons when you share the entry."
            ),
        }

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["link"] = WebURLField(
            label=self.fields["link"].label,
            help_text=self.fields["link"].help_text,
            required=False,
            max_length=JournalEntry._meta.get_field("link").max_length,
            widget=self.fields["link"].widget,
        )
        self.fields["photo"] = PhotoField(
            label=_("Photo"), required=False, help_text=self.fields["photo"].help_text
        )
        self.fields["competences"] = forms.MultipleChoiceField(
            label=_("Competences"),
            required=False,
            choices=competence_choices(participant, keep=self.instance.competences),
            widget=forms.CheckboxSelectMultiple,
            help_text=_(
                "Tag the competences this entry is about; you find it again beside "
                "them when you write your self-assessment."
            ),
        )
        if not self.instance.photo:
            del self.fields["remove_photo"]
        self.add_version_fields()

    def new_photo(self) -> ContentFile | None:
        photo = self.cleaned_data.get("photo")
        return photo if isinstance(photo, ContentFile) else None

    def save_photo(self) -> bool:
        """Store a newly uploaded photo or remove the old one; True if anything changed.

        The photo is not a text that two saves could merge: the latest upload wins.
        """
        entry = JournalEntry.objects.get(pk=self.instance.pk)
        old = entry.photo.name
        photo = self.new_photo()
        if photo is not None:
            entry.photo.save(photo.name, photo, save=False)
        elif self.cleaned_data.get("remove_photo") and old:
            entry.photo = ""
        else:
            return False
        JournalEntry.objects.filter(pk=entry.pk).update(photo=entry.photo.name)
        if old:
            storage = entry.photo.storage
            transaction.on_commit(lambda: storage.delete(old))
        return True


class JournalFilterForm(forms.Form):
    competence = forms.ChoiceField(
        label=_("Competence"),
        required=False,
        error_messages={"invalid_choice": _("Choose a competence from the list.")},
    )

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competence"].choices = [
            ("", _("All competences")),
            *competence_choices(participant),
        ]
