"""How a denial is shown to people and machines: one shape everywhere."""

from __future__ import annotations

from typing import Any

from roundtable.modalities.engine import Decision


def would_allow_text(decision: Decision) -> str:
    hints = getattr(decision, "would_allow", None) or ()
    return "; ".join(str(h) for h in hints)


def denial_payload(decision: Decision) -> dict[str, Any]:
    return {
        "error": {
            "code": "forbidden",
            "message": decision.reason,
            "rule": decision.rule,
            "would_allow": [str(h) for h in (getattr(decision, "would_allow", None) or ())],
        }
    }
