"""The registry of modalities: every name the door resolves, and nothing else.

Three kinds of name, never a path:
- presets: the engine's rule files (roundtable/modalities/presets), by file name;
- platform files (roundtable/permissions/modalities): the site's own administration rules,
  which the door uses but which are never a process's modality;
- uploaded rule files: text a venue's secretariat uploaded, validated and stored as data
  (`RuleFile`, versioned); the latest version of a name is in force.

A name that is none of these is unknown, and the refusal names no file and echoes nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.modalities.loader import load_modality, load_text
from roundtable.modalities.loader import preset_names as _preset_names
from roundtable.modalities.model import Modality
from roundtable.modalities.rulefile import ModalityError, Problem
from roundtable.permissions.actor import Actor, current_request

from .models import RuleFile

PLATFORM_DIR = Path(__file__).resolve().parent / "modalities"
NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
MAX_RULE_FILE_BYTES = 200_000


@lru_cache(maxsize=1)
def platform_names() -> frozenset[str]:
    return frozenset(p.stem for p in PLATFORM_DIR.glob("*.yaml"))


@lru_cache(maxsize=1)
def preset_names() -> frozenset[str]:
    return frozenset(_preset_names())


@lru_cache(maxsize=64)
def _platform(name: str) -> Modality:
    return load_modality(PLATFORM_DIR / f"{name}.yaml")


@lru_cache(maxsize=64)
def _preset(name: str) -> Modality:
    # load_modality lists the presets folder on every call to recognise the name; the door
    # resolves a modality several times per page, and the names are known once (above).
    return load_modality(name)


@lru_cache(maxsize=256)
def _uploaded(pk: int, text: str, name: str, version: int) -> Modality:
    return load_text(text, file=f"{name} (version {version})", extends=_process_modality_or_none)


def latest_rule_file(name: str) -> RuleFile | None:
    return RuleFile.objects.filter(name=name).order_by("-version").first()


#: Where a request keeps the rule file versions it has read, by name.
_REQUEST_RULE_FILES = "_roundtable_rule_files"


def _latest_in_request(name: str) -> RuleFile | None:
    """`latest_rule_file`, read once per request: the door resolves a process's modality for
    every question a page asks (five lookups of the same row on a call page), and one request
    answers under one version. An upload in the request forgets it (`do_register_rule_file`)."""
    request = current_request.get()
    if request is None:
        return latest_rule_file(name)
    memo: dict[str, RuleFile | None] = request.__dict__.setdefault(_REQUEST_RULE_FILES, {})
    if name not in memo:
        memo[name] = latest_rule_file(name)
    return memo[name]


def _process_modality_or_none(name: str) -> Modality | None:
    if not isinstance(name, str) or not NAME.match(name) or name in platform_names():
        return None
    if name in preset_names():
        return _preset(name)
    found = _latest_in_request(name)
    if found is None:
        return None
    return _uploaded(found.pk, found.text, found.name, found.version)


def unknown(name: str) -> ModalityError:
    """The refusal for a name the registry does not know: it names no file, echoes nothing."""
    shown = name if isinstance(name, str) and NAME.match(name) else "(not a modality name)"
    return ModalityError(
        [Problem(shown, 0, "", "not a registered modality (a preset or an uploaded rule file)")]
    )


def resolve(name: str) -> Modality:
    """Any name the door may use: a platform file, a preset or an uploaded rule file."""
    if isinstance(name, str) and name in platform_names():
        return _platform(name)
    found = _process_modality_or_none(name)
    if found is None:
        raise unknown(name)
    return found


def process_modality(name: str) -> Modality:
    """A name a venue or process may run under: a preset or an uploaded rule file."""
    found = _process_modality_or_none(name)
    if found is None:
        raise unknown(name)
    return found


def process_modality_choices() -> list[tuple[str, str]]:
    """(name, title) of every modality a process may choose, presets first."""
    choices = [(n, load_modality(n).title or n) for n in sorted(preset_names())]
    latest = RuleFile.objects.values("name").annotate(v=Max("version"))
    for row in latest.order_by("name"):
        rule_file = RuleFile.objects.get(name=row["name"], version=row["v"])
        choices.append((rule_file.name, rule_file.title or rule_file.name))
    return choices


def validate_rule_text(text: str, *, filename: str = "upload.yaml") -> Modality:
    """Check uploaded text; a refusal lists every problem with file, line and field."""
    if len(text.encode("utf-8")) > MAX_RULE_FILE_BYTES:
        raise ValidationError(
            _("A rule file is at most %(limit)s bytes.") % {"limit": MAX_RULE_FILE_BYTES},
            code="too_large",
        )
    if "\x00" in text:
        raise ValidationError(_("A rule file is text: it cannot contain NUL."), code="invalid")
    label = Path(filename).name[:200] or "upload.yaml"
    try:
        return load_text(text, file=label, extends=_process_modality_or_none)
    except ModalityError as exc:
        raise ValidationError("\n".join(str(p) for p in exc.problems), code="rule_file") from None


def do_register_rule_file(
    *, actor: Actor, venue: str, text: str, filename: str = "upload.yaml"
) -> RuleFile:
    """Store a validated rule file under the name it declares (`modality:`), as a new version.

    Refuses names of presets and platform files (409 `reserved`)."""
    modality = validate_rule_text(text, filename=filename)
    name = modality.name
    if not NAME.match(name):
        raise ValidationError(
            _("A modality name is lower-case letters, digits and hyphens (at most 100)."),
            code="invalid_name",
        )
    if name in preset_names() or name in platform_names():
        raise ValidationError(
            _("“%(name)s” is the name of a preset or a platform rule file; choose another name.")
            % {"name": name},
            code="reserved",
        )
    try:
        with transaction.atomic():
            previous = latest_rule_file(name)
            rule_file = RuleFile.objects.create(
                name=name,
                version=(previous.version + 1) if previous else 1,
                title=(modality.title or name)[:300],
                text=text,
                venue=venue,
                filename=Path(filename).name[:200],
                uploaded_by=actor.user,
            )
            request = current_request.get()
            if request is not None:  # this request now answers under the new version
                request.__dict__.get(_REQUEST_RULE_FILES, {}).pop(name, None)
            record_event(
                actor=actor,
                verb="rule_file.uploaded",
                target=rule_file,
                summary={"name": name, "version": rule_file.version, "venue": venue},
            )
    except IntegrityError:
        raise ValidationError(
            _("Another version of “%(name)s” was uploaded at the same moment; try again.")
            % {"name": name},
            code="exists",
        ) from None
    return rule_file
