"""Forms for the learning plan and the journal, and saving texts without losing any.

Every text a participant writes carries, in hidden fields, the version of its row and a
fingerprint of each value as the page showed it. A save then applies only what the person
changed since loading; a value that somebody (a second tab, another device) saved in
between is kept, and where both changed the same value the save reports a conflict instead
of overwriting. The write itself is a conditional UPDATE on the version, so of two requests
made from the same copy only one can win.
"""

import datetime
import hashlib
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image

from participants.competences import COMPETENCE_BY_KEY
from participants.models import Goal, JournalEntry
from projects.forms import DateInput
from youthpass_site.lib.images import ACCEPTED_TYPES, Refusals, decode_upload

VERSION_SUFFIX = "__version"
LOADED_SUFFIX = "__loaded"
# Two saves racing for the same row: retry with the fresh row, then give up and show the
# person both texts rather than keep a request waiting.
MAX_ATTEMPTS = 3


def normalise_text(text: str) -> str:
    # Browsers send textareas with CRLF line ends; what was typed is the same either way.
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def fingerprint(value: Any) -> str:
    """A short digest of a value as a form shows it, to tell later whether it was changed."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "1" if value else "0"
    elif isinstance(value, datetime.date):
        text = value.isoformat()
    elif isinstance(value, list | tuple):
        text = "\x1f".join(sorted(str(item) for item in value))
    else:
        text = normalise_text(str(value))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def same(a: Any, b: Any) -> bool:
    return fingerprint(a) == fingerprint(b)


@dataclass
class Saved:
    """The outcome of a checked save of one row."""

    version: int
    # The values the row holds now, for the fields that were saved.
    values: dict[str, Any]
    # Field -> the newer saved value that the person's value did not replace.
    conflicts: dict[str, Any] = field(default_factory=dict)

    def hidden(self, version_name: str, loaded_names: dict[str, str]) -> dict[str, str]:
        """New values for the page's hidden fields: version and fingerprints as saved now."""
        values = {version_name: str(self.version)}
        for name, hidden_name in loaded_names.items():
            values[hidden_name] = fingerprint(self.values[name])
        return values


def merge(
    mine: dict[str, Any], theirs: dict[str, Any], loaded: dict[str, str | None], stale: bool
) -> tuple[dict[str, Any], dict[str, Any]]:
    """What to write of the person's values, and which clash with values saved since.

    `loaded` holds the fingerprints of the values the person started from (None where the
    page did not send one: then any difference on a stale version is a conflict).
    """
    to_write, conflicts = {}, {}
    for name, value in mine.items():
        current = theirs[name]
        if same(value, current):
            continue
        known = loaded.get(name)
        if known is None:
            if stale:
                conflicts[name] = current
            else:
                to_write[name] = value
        elif fingerprint(value) == known:
            # The person left it alone; somebody else changed it meanwhile.
            continue
        elif fingerprint(current) == known:
            to_write[name] = value
        else:
            conflicts[name] = current
    return to_write, conflicts


def save_checked(
    rows: models.QuerySet,
    mine: dict[str, Any],
    version: int | None,
    loaded: dict[str, str | None],
    *,
    version_field: str = "version",
    stamp: bool = True,
    create: Callable[..., Any] | None = None,
) -> Saved:
    """Write `mine` into the single row of `rows`, never over values saved since `version`.

    `version` is the row's version when the page was loaded; None means the request did
    not say, and is taken to be about the current row. Where `rows` may be empty
    (a competence not written about yet), `create(**values)` makes the row, version 1.
    `stamp` sets updated_at, which a queryset update() leaves alone.
    """
    names = list(mine)
    for _attempt in range(MAX_ATTEMPTS):
        row = rows.values(version_field, *names).first()
        if row is None:
            if create is None:
                raise rows.model.DoesNotExist
            current_version, theirs = 0, dict.fromkeys(names, "")
        else:
            current_version = row.pop(version_field)
            theirs = row
        stale = version is not None and version != current_version
        to_write, conflicts = merge(mine, theirs, loaded, stale)
        if not to_write:
            return Saved(current_version, theirs, conflicts)
        if row is None:
            try:
                with transaction.atomic():
                    create(**to_write)
            except IntegrityError:
                continue  # created by a concurrent request: merge with that one
            return Saved(1, {**theirs, **to_write}, conflicts)
        extra = {"updated_at": timezone.now()} if stamp else {}
        updated = rows.filter(**{version_field: current_version}).update(
            **to_write, **extra, **{version_field: F(version_field) + 1}
        )
        if updated:
            return Saved(current_version + 1, {**theirs, **to_write}, conflicts)
    row = rows.values(version_field, *names).first() or {version_field: 0}
    current_version = row.pop(version_field)
    theirs = {name: row.get(name, "") for name in names}
    return Saved(
        current_version,
        theirs,
        {name: theirs[name] for name in names if not same(mine[name], theirs[name])},
    )


DAMAGED_FORM = _("This page sent a damaged form. Copy your text, reload the page and paste it.")


class VersionField(forms.IntegerField):
    """The version of a row as the page loaded it."""

    widget = forms.HiddenInput
    default_error_messages = dict.fromkeys(("invalid", "min_value", "max_value"), DAMAGED_FORM)

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(min_value=0, max_value=2**31 - 1, **kwargs)


class LoadedField(forms.CharField):
    """The fingerprint of a value as the page showed it (see fingerprint())."""

    widget = forms.HiddenInput
    default_error_messages = {
        "max_length": DAMAGED_FORM,
        "null_characters_not_allowed": DAMAGED_FORM,
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(max_length=64, **kwargs)


def add_version_fields(
    form: forms.BaseForm,
    version_name: str,
    version: int,
    initial: dict[str, Any],
    autosaved: Iterable[str] = (),
):
    """Give `form` hidden fields with the row's version and a fingerprint per value.

    Fields in `autosaved` are marked for static/js/drafts.js, which sends them together
    with these hidden fields while the person types.
    """
    form.fields[version_name] = VersionField(initial=version)
    for name, value in initial.items():
        form.fields[name + LOADED_SUFFIX] = LoadedField(initial=fingerprint(value))
    for name in autosaved:
        form.fields[name].widget.attrs.update(
            {
                "data-autosave": "",
                "data-version-field": version_name,
                "data-loaded-field": name + LOADED_SUFFIX,
            }
        )


def damaged_form_errors(form: forms.BaseForm) -> list[str]:
    """Errors of the hidden fields, which the person cannot see or correct on the page."""
    return [error for hidden in form.hidden_fields() for error in hidden.errors]


def autosave_names(form: forms.BaseForm, candidates: Iterable[str]) -> list[str]:
    """The fields an autosave request sent: it sends only those the person changed."""
    return [name for name in candidates if name in form.data]


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
    if picture.mode == "RGBA":
        # JPEG has no transparency: put the picture on white, as a page would show it.
        background = Image.new("RGB", picture.size, "white")
        background.paste(picture, mask=picture.getchannel("A"))
        picture = background
    picture.thumbnail(PHOTO_MAX_SIZE, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85, optimize=True)
    return ContentFile(buffer.getvalue(), name="photo.jpg")


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


class VersionedModelForm(forms.ModelForm):
    """A form for a row with a `version`: saved through save_checked() once the row exists."""

    # The fields whose changes are checked against values saved since the page loaded.
    versioned: tuple[str, ...] = ()
    # The free-text fields that drafts.js saves while the person types.
    autosaved: tuple[str, ...] = ()

    def add_version_fields(self):
        if self.instance.pk:
            add_version_fields(
                self,
                "version",
                self.instance.version,
                # From the row, not self.initial: after a conflict the initial values are
                # the person's own, and the fingerprints must say what is saved.
                {name: getattr(self.instance, name) for name in self.versioned},
                self.autosaved,
            )

    def clean(self):
        data = super().clean()
        for name, value in data.items():
            if isinstance(value, str) and name in self.versioned:
                data[name] = normalise_text(value)
        return data

    def save_checked(self, names: Iterable[str] | None = None) -> Saved:
        names = list(names or self.versioned)
        return save_checked(
            type(self.instance).objects.filter(pk=self.instance.pk),
            {name: self.cleaned_data[name] for name in names},
            self.cleaned_data.get("version"),
            {name: self.cleaned_data.get(name + LOADED_SUFFIX) or None for name in names},
        )

    def hidden_after(self, saved: Saved) -> dict[str, str]:
        return saved.hidden("version", {name: name + LOADED_SUFFIX for name in saved.values})

    def display(self, name: str, value: Any) -> str:
        """A saved value as the person would recognise it in the form."""
        form_field = self.fields[name]
        if isinstance(value, bool):
            return str(_("Yes") if value else _("No"))
        if isinstance(value, datetime.date):
            return value.isoformat()
        choices = dict(getattr(form_field, "choices", ()))
        if isinstance(value, list):
            return ", ".join(str(choices.get(item, item)) for item in value)
        if choices:
            return str(choices.get(value, value))
        return value


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
        # Imported here: participants.forms imports this module for the version fields.
        from participants.forms import WebURLField

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
