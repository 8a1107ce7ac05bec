"""How a decision is shown to people and machines: one shape everywhere.

The engine explains itself in English, from the rule files' own words (`because:`), which
are written in one language like any authentic text. People read the verdict in their own
language (`verdict`), with the engine's explanation beside it marked as English.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from roundtable.modalities.engine import Decision


def verdict(decision: Decision) -> str:
    """One translated sentence: allowed or not, and by which rule."""
    params = {"rule": decision.rule, "right": decision.right, "modality": decision.modality.name}
    if decision.allowed:
        return _("Allowed: rule %(rule)s permits %(right)s here.") % params
    if decision.rule == decision.modality.default_deny_id:
        return (
            _("Not allowed: no rule of %(modality)s permits %(right)s here (denied by default).")
            % params
        )
    return _("Not allowed: rule %(rule)s prohibits %(right)s here.") % params


def denial_payload(decision: Decision) -> dict[str, Any]:
    return {
        "error": {
            "code": "forbidden",
            "message": decision.reason,
            "verdict": verdict(decision),
            "rule": decision.rule,
            "would_allow": [str(h) for h in decision.would_allow],
        }
    }
