"""Loading rule files: presets by name, files by path, text uploaded by a person.

A file is read and checked against `schema.json` (`rulefile.py`), then against the modality's
own vocabulary while its `Modality` is built (`builder.py`); every problem names the file, the
line and the field (``rules[2].who.grups``). A modality may ``extends:`` a preset (by name)
or another file (by path, relative to the extending file), add rules, replace an inherited rule
by giving its full id (``itu-wtpf/members-speak``), or drop inherited rules with
``remove_rules``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from roundtable.modalities.builder import Builder
from roundtable.modalities.model import Modality
from roundtable.modalities.rulefile import Document, ModalityError, Problem, schema_problems

PRESETS_DIR = Path(__file__).resolve().parent / "presets"


def preset_names() -> list[str]:
    return sorted(p.stem for p in PRESETS_DIR.glob("*.yaml"))


def is_preset(name: str) -> bool:
    return "/" not in name and not name.endswith((".yaml", ".yml")) and name in preset_names()


@cache
def _load_preset(name: str) -> Modality:
    return _load_path(PRESETS_DIR / f"{name}.yaml", label=f"presets/{name}.yaml", stack=())


def load_modality(name_or_path: str | Path) -> Modality:
    """A preset by name (cached: the same object each time) or a rule file by path."""
    text = str(name_or_path)
    if isinstance(name_or_path, str) and is_preset(text):
        return _load_preset(text)
    path = Path(name_or_path)
    if not path.is_file():
        known = ", ".join(preset_names())
        raise ModalityError([Problem(text, 0, "", f"no such preset or file (presets: {known})")])
    return _load_path(path, label=text, stack=())


def load_text(
    text: str,
    *,
    file: str = "<string>",
    base: Path | None = None,
    extends: Callable[[str], Modality | None] | None = None,
) -> Modality:
    """Load a modality from YAML text (``extends`` paths resolve against ``base``).

    With ``extends`` (a function from a name to a registered modality, or None), ``extends:``
    names only what that function knows, never a path: for text uploaded by a person."""
    return _build(Document(text, file), base=base or Path.cwd(), stack=(), resolve=extends)


def check_file(path: str | Path) -> list[Problem]:
    """All the problems of a rule file; an empty list means it loads."""
    try:
        load_modality(path if not isinstance(path, str) or not is_preset(path) else path)
    except ModalityError as exc:
        return list(exc.problems)
    return []


def _load_path(path: Path, *, label: str, stack: tuple[Path, ...]) -> Modality:
    resolved = path.resolve()
    if resolved in stack:
        chain = " -> ".join(p.name for p in (*stack, resolved))
        raise ModalityError([Problem(label, 1, "extends", f"extends itself: {chain}")])
    try:
        text = resolved.read_text(encoding="utf-8")
    except OSError as exc:
        raise ModalityError([Problem(label, 0, "", f"cannot read: {exc}")]) from None
    return _build(Document(text, label), base=resolved.parent, stack=(*stack, resolved))


def _build(
    doc: Document,
    *,
    base: Path,
    stack: tuple[Path, ...],
    resolve: Callable[[str], Modality | None] | None = None,
) -> Modality:
    if not isinstance(doc.data, dict):
        raise ModalityError([Problem(doc.file, 1, "", "a rule file is a YAML mapping")])
    problems = schema_problems(doc)
    if problems:
        raise ModalityError(problems)
    parent: Modality | None = None
    extends = doc.data.get("extends")
    if extends is not None and resolve is not None:
        parent = resolve(extends)
        if parent is None:
            raise ModalityError(
                [doc.problem(("extends",), "extends only a preset or a registered rule file")]
            )
    elif extends is not None:
        try:
            if is_preset(extends):
                target = (PRESETS_DIR / f"{extends}.yaml").resolve()
                label = f"presets/{extends}.yaml"
            else:
                target = (base / extends).resolve()
                label = str(target)
                if not target.is_file():
                    raise ModalityError(
                        [doc.problem(("extends",), f"no preset or file named {extends!r}")]
                    )
            parent = _load_path(target, label=label, stack=stack)
        except ModalityError as exc:
            if exc.problems and exc.problems[0].file == doc.file:
                raise
            located = doc.problem(("extends",), f"cannot load {extends!r}: {exc.problems[0]}")
            raise ModalityError([located, *exc.problems]) from None
    return Builder(doc, parent).build()
