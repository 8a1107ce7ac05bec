"""A stored tally in the reader's language: its summary, and its arithmetic as labelled rows.

The engine (roundtable/modalities/procedures.py) keeps its arithmetic as data and a one-line
English summary for logs and the API; people read what this module writes from the data, with
voters by name, levels, positions and chambers by their labels, thresholds in words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roundtable.permissions.vocabulary import label

# Labels of the arithmetic's keys (procedures.py); "levels", "basis", "chambers" and
# "alternatives" are shown otherwise (the level row, the chamber table).
KEYS: Mapping[str, Any] = {
    "support": gettext_lazy("Support"),
    "object": gettext_lazy("Objections"),
    "objections": gettext_lazy("Objections"),
    "abstain": gettext_lazy("Abstentions"),
    "support_share": gettext_lazy("Support among those for or against"),
    "derived_level": gettext_lazy("Level the positions suggest"),
    "designated_level": gettext_lazy("Level designated by the chair"),
    "chair_judgement": gettext_lazy("Chair's judgement"),
    "level": gettext_lazy("Level"),
    "adopt_levels": gettext_lazy("Levels that adopt the text"),
    "minority": gettext_lazy("Minority views from"),
    "addressed": gettext_lazy("Objections addressed"),
    "unaddressed": gettext_lazy("Objections not addressed"),
    "electorate": gettext_lazy("Electorate"),
    "cast": gettext_lazy("Ballots cast"),
    "yes": gettext_lazy("Yes"),
    "no": gettext_lazy("No"),
    "quorum": gettext_lazy("Quorum"),
    "quorum_met": gettext_lazy("Quorum met"),
    "threshold": gettext_lazy("Threshold"),
    "yes_share": gettext_lazy("Yes among those for or against"),
    "threshold_met": gettext_lazy("Threshold met"),
    "members": gettext_lazy("Members"),
    "no_objection": gettext_lazy("No objection"),
    "discuss_unresolved": gettext_lazy("Unresolved Discuss from"),
    "discuss_resolved": gettext_lazy("Resolved Discuss from"),
    "recuse": gettext_lazy("Recused"),
    "eligible": gettext_lazy("Members not recused"),
    "needed": gettext_lazy("Needed"),
    "ballots": gettext_lazy("Ballots"),
}
HIDDEN = frozenset(
    {
        "levels", "basis", "chambers", "alternatives", "stakeholder_groups", "quorum_check",
        "absentee", "stand_ins", "refused",
    }
)  # fmt: skip
LEVEL_KEYS = frozenset({"derived_level", "designated_level", "chair_judgement", "level"})
VOTER_LIST_KEYS = frozenset(
    {"minority", "addressed", "unaddressed", "discuss_unresolved", "discuss_resolved"}
)
_THRESHOLD = re.compile(r"^(>=?) (\d+/\d+)$")

Names = Callable[[str], str]


def threshold_words(text: str) -> str:
    """``> 1/2`` -> "more than 1/2", ``>= 2/3`` -> "at least 2/3"."""
    found = _THRESHOLD.match(str(text).strip())
    if not found:
        return str(text)
    if found.group(1) == ">":
        return _("more than %(share)s") % {"share": found.group(2)}
    return _("at least %(share)s") % {"share": found.group(2)}


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _value(key: str, value: Any, name: Names) -> str:
    if value is None or value == []:
        return "—"
    if isinstance(value, bool):
        return _yes_no(value)
    if key in LEVEL_KEYS:
        return label("level", str(value))
    if key == "adopt_levels":
        return ", ".join(label("level", str(v)) for v in value)
    if key in VOTER_LIST_KEYS:
        return ", ".join(name(str(v)) for v in value)
    if key in ("threshold", "quorum"):
        return threshold_words(str(value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def rows(arithmetic: Mapping[str, Any], name: Names) -> list[tuple[str, str]]:
    """The arithmetic as (label, value) rows in the reader's language."""
    return [
        (str(KEYS.get(key, label("right", key))), _value(key, value, name))
        for key, value in arithmetic.items()
        if key not in HIDDEN
    ]


def alternative_words(alt: Mapping[str, Any]) -> str:
    """One test of a chamber vote, in words (older tallies without data keep their text)."""
    if "each" in alt:
        return _("each house %(test)s") % {"test": threshold_words(alt["each"])} + _groups(alt)
    if "one" not in alt:
        return str(alt.get("test", ""))
    one = threshold_words(alt["one"])
    if "other" in alt:
        text = _("one house %(one)s and the other %(other)s") % {
            "one": one,
            "other": threshold_words(alt["other"]),
        }
    else:
        text = _("one house %(one)s") % {"one": one}
    if alt.get("by"):
        text += " (" + label("chamber", str(alt["by"])) + ")"
    return text + _groups(alt)


def _groups(alt: Mapping[str, Any]) -> str:
    """The stakeholder-group condition of a test, with the groups that said yes."""
    if not alt.get("groups"):
        return ""
    supporting = alt.get("groups_supporting", [])
    return ", " + _("and a yes from at least %(n)s stakeholder groups (%(groups)s)") % {
        "n": alt["groups"],
        "groups": ", ".join(label("stakeholder-group", str(g)) for g in supporting) or "—",
    }


def quorum_words(check: Mapping[str, Any]) -> str:
    """The quorum rule and whether the meeting had it, in words."""
    houses = "; ".join(
        _("%(chamber)s: %(present)s of %(seats)s present")
        % {"chamber": label("chamber", str(h["chamber"])), "present": h["present"],
           "seats": h["seats"]}
        for h in check.get("present", [])
    )  # fmt: skip
    text = _(
        "Quorum: %(threshold)s of each house present, absentee ballots and proxies not "
        "counted. %(houses)s."
    ) % {"threshold": threshold_words(check.get("threshold", "")),
         "houses": houses}  # fmt: skip
    if check.get("groups_missing"):
        text += " " + _("No member present from: %(groups)s.") % {
            "groups": ", ".join(label("stakeholder-group", str(g)) for g in check["groups_missing"])
        }
    if check.get("met"):
        return text + " " + _("Quorum met.")
    return text + " " + _("No quorum: the vote is not valid.")


def remedy_words(arithmetic: Mapping[str, Any], name: Names) -> list[tuple[str, str]]:
    """Absentee ballots and stand-in votes, counted or refused, each with its rule: (rule, text)."""
    out: list[tuple[str, str]] = []
    absentee = arithmetic.get("absentee") or {}
    for voter in absentee.get("counted", []):
        out.append(
            (
                "",
                _("Absentee ballot of %(who)s counted (inside its window).") % {"who": name(voter)},
            )
        )
    for stand_in in arithmetic.get("stand_ins", []):
        words = _("Vote of %(who)s cast by %(by)s, their proxy, counted once for them.")
        if stand_in.get("via") == "alternate":
            words = _("Vote of %(who)s cast by %(by)s, their temporary alternate, counted once.")
        out.append(("", words % {"who": name(stand_in["voter"]), "by": name(stand_in["cast_by"])}))
    for refused in arithmetic.get("refused", []):
        if str(refused.get("rule", "")).endswith("/absentee-window"):
            words = _("Absentee ballot of %(who)s refused: cast after %(when)s (%(hours)s hours).")
        elif str(refused.get("rule", "")).endswith("/absentee-not-permitted"):
            words = _("Absentee ballot of %(who)s refused: this procedure takes none.")
        else:
            words = _("Vote of %(who)s refused: this procedure takes no stand-in.")
        out.append(
            (
                str(refused.get("rule", "")),
                words % {"who": name(str(refused["voter"])), "when": refused.get("deadline", ""),
                         "hours": refused.get("hours", "")},
            )
        )  # fmt: skip
    return out


def summary(result: Mapping[str, Any], name: Names) -> str:
    """The tally's one-line summary, written from its data in the reader's language."""
    kind = result.get("kind", "")
    a: Mapping[str, Any] = result.get("arithmetic", {})
    if kind == "consensus" and a.get("level") is None:
        # GNSO levels before the chair designates one: the positions suggest no level.
        text = _(
            "No level designated yet: the chair designates it. Support: %(support)s; "
            "objections: %(object)s; abstentions: %(abstain)s."
        ) % {
            "support": a.get("support", 0),
            "object": a.get("object", 0),
            "abstain": a.get("abstain", 0),
        }
        if a.get("minority"):
            text += " " + _("Minority views to attach: %(names)s.") % {
                "names": ", ".join(name(str(v)) for v in a["minority"])
            }
        return text
    if kind == "consensus":
        who = (
            _("designated by the chair")
            if a.get("designated_level")
            else _("suggested by the positions")
        )
        text = _(
            "%(level)s (%(who)s). Support: %(support)s; objections: %(object)s; "
            "abstentions: %(abstain)s."
        ) % {
            "level": label("level", str(a.get("level", ""))),
            "who": who,
            "support": a.get("support", 0),
            "object": a.get("object", 0),
            "abstain": a.get("abstain", 0),
        }
        if a.get("minority"):
            text += " " + _("Minority views to attach: %(names)s.") % {
                "names": ", ".join(name(str(v)) for v in a["minority"])
            }
        return text
    if kind == "rough-consensus":
        return _(
            "%(level)s. Objections: %(n)s (addressed: %(addressed)s, not addressed: %(open)s). "
            "Support: %(support)s. Not a vote count (RFC 7282)."
        ) % {
            "level": label("level", str(a.get("level", ""))),
            "n": a.get("objections", 0),
            "addressed": len(a.get("addressed", [])),
            "open": len(a.get("unaddressed", [])),
            "support": a.get("support", 0),
        }
    if kind == "chamber-vote":
        counts = "; ".join(
            _("%(chamber)s: yes %(yes)s of %(seats)s seats")
            % {"chamber": label("chamber", str(c["chamber"])), "yes": c["yes"], "seats": c["seats"]}
            for c in a.get("chambers", [])
        )
        met = [alt for alt in a.get("alternatives", []) if alt.get("met")]
        quorum = a.get("quorum_check")
        if quorum and not quorum.get("met"):
            return counts + ". " + _("No quorum: the vote is not valid.")
        if met:
            return counts + ". " + _("Met: %(test)s.") % {"test": alternative_words(met[0])}
        return counts + ". " + _("No test met.")
    if kind == "omov":
        return _("Yes: %(yes)s; no: %(no)s; abstentions: %(abstain)s; ballots cast: %(cast)s.") % {
            "yes": a.get("yes", 0),
            "no": a.get("no", 0),
            "abstain": a.get("abstain", 0),
            "cast": a.get("cast", 0),
        }
    if kind == "iesg-ballot":
        if a.get("discuss_unresolved"):
            return _("Blocked by an unresolved Discuss from %(names)s.") % {
                "names": ", ".join(name(str(v)) for v in a["discuss_unresolved"])
            }
        return _("Yes or No Objection: %(support)s of %(needed)s needed; Yes: %(yes)s.") % {
            "support": a.get("support", 0),
            "needed": a.get("needed", 0),
            "yes": a.get("yes", 0),
        }
    if kind == "none":
        return _("This process has no adoption procedure: nothing can be adopted here.")
    return str(result.get("summary", ""))
