"""Start-up checks: every rule file the door may be asked about loads, or the site won't start.

A broken preset or platform rule file would otherwise surface as a server error on the first
request that needs it; here it is reported with file, line and field before anything is served.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, register

from roundtable.modalities.loader import load_modality, preset_names
from roundtable.modalities.rulefile import ModalityError

from .registry import PLATFORM_DIR


@register()
def check_rule_files(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    targets = [*preset_names(), *(str(p) for p in sorted(PLATFORM_DIR.glob("*.yaml")))]
    for target in targets:
        try:
            load_modality(target)
        except ModalityError as exc:
            for problem in exc.problems:
                errors.append(
                    Error(
                        f"Rule file {problem.file}, line {problem.line}, field "
                        f"{problem.field or '(top)'}: {problem.message}",
                        hint="Fix the rule file; `roundtable modalities check FILE` shows "
                        "every problem.",
                        id="permissions.E001",
                    )
                )
    return errors
