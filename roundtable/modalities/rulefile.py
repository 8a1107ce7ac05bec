"""A rule file as read: YAML whose nodes keep their lines, checked against `schema.json`.

Every problem names the file, the line and the field (``rules[2].who.grups``): YAML nodes keep
their marks, so a JSON Schema error path is walked back to the node it came from. What the
schema cannot say (the modality's own vocabulary) is checked by `builder.py`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
import yaml

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One located error in a rule file."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field or '(top)'}: {self.message}"

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "field": self.field, "message": self.message}


class ModalityError(Exception):
    """A rule file could not be loaded; ``problems`` says where and why."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps timestamps as strings (the schema checks them) and refuses
    duplicate keys (a silent override in a rule file is a bug)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@cache
def schema() -> dict[str, Any]:
    text = resources.files("roundtable.modalities").joinpath("schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def field_name(path: Path_) -> str:
    """``("rules", 2, "who", "groups")`` -> ``rules[2].who.groups``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class Document:
    """A parsed file: its data, its node tree (for line numbers) and its name."""

    def __init__(self, text: str, file: str) -> None:
        self.file = file
        try:
            loader = _Loader(text)
            try:
                self.root: yaml.Node | None = loader.get_single_node()
                self.data: Any = (
                    loader.construct_document(self.root) if self.root is not None else None
                )
            finally:
                loader.dispose()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else 1
            raise ModalityError(
                [Problem(file, line, "", f"not valid YAML: {exc.problem or exc}")]
            ) from None
        if self.root is not None:
            dupes = list(self._duplicates(self.root, ()))
            if dupes:
                raise ModalityError(dupes)

    def _duplicates(self, node: yaml.Node, path: Path_) -> Iterator[Problem]:
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                name = str(key.value)
                if name in seen:
                    yield Problem(
                        self.file,
                        key.start_mark.line + 1,
                        field_name((*path, name)),
                        "duplicate key",
                    )
                seen.add(name)
                yield from self._duplicates(value, (*path, name))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                yield from self._duplicates(item, (*path, index))

    def node(self, path: Path_, *, key: bool = False) -> yaml.Node | None:
        """The node at ``path`` (its key node when ``key``), or the deepest ancestor found."""
        node = self.root
        for depth, part in enumerate(path):
            last = depth == len(path) - 1
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == part:
                        node = k if (key and last) else v
                        break
                else:
                    return node
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if part >= len(node.value):
                    return node
                node = node.value[part]
            else:
                return node
        return node

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        node = self.node(path, key=key)
        line = node.start_mark.line + 1 if node is not None else 1
        return Problem(self.file, line, field_name(path), message)


def schema_problems(doc: Document) -> list[Problem]:
    validator = jsonschema.Draft202012Validator(schema())
    problems: list[Problem] = []
    for error in validator.iter_errors(doc.data):
        path: Path_ = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = set(error.schema.get("properties", {}))
            if isinstance(error.schema.get("additionalProperties"), dict):
                problems.append(doc.problem(path, error.message))
                continue
            for extra in sorted(set(error.instance) - allowed):
                known = ", ".join(sorted(allowed))
                problems.append(
                    doc.problem(
                        (*path, extra), f"unknown field {extra!r} (known: {known})", key=True
                    )
                )
        elif error.validator == "required":
            problems.append(doc.problem(path, error.message.replace("property", "field")))
        else:
            problems.append(doc.problem(path, error.message))
    return sorted(problems, key=lambda p: (p.line, p.field))
