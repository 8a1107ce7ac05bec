"""A balance as a reader sees it: labelled tables (in the reader's language), bars for the
server-rendered SVG charts (mirrored right to left for Arabic), and flat rows for CSV and JSON.
The shares and the small-cell rule come from the pure core (roundtable/analysis/balance.py)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language_bidi, gettext_lazy
from django.utils.translation import gettext as _

from roundtable.analysis.balance import Cell, cells, declared_total, private_cells
from roundtable.permissions.vocabulary import label

from .queries import MEASURES, PHASE_MEASURES, Balance, PhaseCounts

MEASURE_LABELS = {
    "participants": gettext_lazy("Participants"),
    "contributions": gettext_lazy("Inputs (contributions)"),
    "voices": gettext_lazy("Inputs, a campaign counted once"),
    "words": gettext_lazy("Words in inputs"),
    "amendments_proposed": gettext_lazy("Amendments proposed"),
    "amendments_accepted": gettext_lazy("Amendments accepted"),
    "speaking_seconds": gettext_lazy("Speaking time in meetings (minutes)"),
    "positions": gettext_lazy("Positions in adoptions"),
    "list_posts": gettext_lazy("Mailing-list posts"),
}

CHART_WIDTH = 600
LABEL_WIDTH = 220
BAR_HEIGHT = 22
GAP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    shown: str  # the count as read ("12", "3 min"), or "" when hidden
    share: float | None
    y: int
    x: int
    width: int
    label_x: int
    text_x: int


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    rows: list[Cell]
    bars: list[Bar]
    height: int
    rtl: bool
    total: int | None


def group_label(slug: str) -> str:
    return label("group", slug) if slug else _("No stakeholder group")


def _shown(key: str, count: int | None) -> str:
    if count is None:
        return ""
    if key == "speaking_seconds":
        return _("%(minutes)s min") % {"minutes": round(count / 60)}
    return str(count)


def _chart(key: str, title: str, rows: list[Cell], names: dict[str, str]) -> Chart:
    rtl = get_language_bidi()
    span = CHART_WIDTH - LABEL_WIDTH - 70
    bars = []
    for index, cell in enumerate(rows):
        width = round(span * (cell.share or 0) / 100)
        x = LABEL_WIDTH if not rtl else CHART_WIDTH - LABEL_WIDTH - width
        bars.append(
            Bar(
                label=names.get(cell.key, cell.key),
                shown=_shown(key, cell.count),
                share=cell.share,
                y=index * (BAR_HEIGHT + GAP),
                x=x,
                width=width,
                label_x=LABEL_WIDTH - 6 if not rtl else CHART_WIDTH - LABEL_WIDTH + 6,
                text_x=x + width + 6 if not rtl else x - 6,
            )
        )
    total = sum(c.count or 0 for c in rows) if all(c.count is not None for c in rows) else None
    return Chart(key, title, rows, bars, max(1, len(rows)) * (BAR_HEIGHT + GAP), rtl, total)


def charts(balance: Balance) -> list[Chart]:
    """One chart per measure with something counted, then region and gender when declared."""
    names = {slug: group_label(slug) for slug in balance.groups}
    found = []
    for key in MEASURES:
        counts = balance.measures.get(key, {})
        if not any(counts.values()):
            continue
        if key == "voices" and counts == balance.measures.get("contributions"):
            continue  # no campaign: the same figure twice says nothing
        ordered = {slug: counts.get(slug, 0) for slug in balance.groups}
        found.append(_chart(key, str(MEASURE_LABELS[key]), cells(ordered), names))
    for key, title, counts in (
        ("region", _("Participants by region (as declared)"), balance.regions),
        ("gender", _("Participants by gender (as declared)"), balance.genders),
    ):
        if declared_total(counts) is None:
            continue
        rows = private_cells(counts)
        found.append(_chart(key, title, rows, {c.key: c.key for c in rows}))
    return found


def months_table(balance: Balance) -> tuple[list[str], list[tuple[str, list[int]]]]:
    """Inputs per month: the group labels, then (month, counts in that order) per month."""
    groups = list(balance.groups)
    return [group_label(g) for g in groups], [
        (month, [counts.get(g, 0) for g in groups]) for month, counts in balance.months.items()
    ]


# Told apart by lightness as well as hue, so that the bars read in grey print too.
PALETTE = ("#1f5f8b", "#e08a1e", "#2e8540", "#8c2d7a", "#7fb2d9", "#5a3d1e", "#c4c4c4", "#333333")


@dataclass(frozen=True)
class PhaseRow:
    label: str
    cells: list[Cell]  # in the order of the chart's groups (zeros included)
    shown: list[tuple[str, float | None]]  # each cell as read ("12", "3 min") and its share
    segments: list[tuple[int, int, str]]  # x, width, fill
    y: int


@dataclass(frozen=True)
class PhaseChart:
    key: str
    title: str
    groups: list[tuple[str, str]]  # label, fill
    rows: list[PhaseRow]
    height: int
    rtl: bool


def phase_label(phase: PhaseCounts) -> str:
    if phase.pk is None:
        return _("Outside the phases")
    return f"{phase.title} ({phase.starts_on} – {phase.ends_on})"


def phase_charts(balance: Balance) -> list[PhaseChart]:
    """Per measure counted over time: one bar per phase, in order, split by group share."""
    rtl = get_language_bidi()
    span = CHART_WIDTH - LABEL_WIDTH - 10
    groups = list(balance.groups)
    fills = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(groups)}
    found = []
    for key in PHASE_MEASURES:
        if not any(any(p.measures[key].values()) for p in balance.phases):
            continue
        rows = []
        for index, phase in enumerate(balance.phases):
            counts = {g: phase.measures[key].get(g, 0) for g in groups}
            found_shares = cells(counts)
            by_key = {c.key: c for c in found_shares}
            segments, x = [], 0
            for g in groups:
                width = round(span * (by_key[g].share or 0) / 100)
                left = LABEL_WIDTH + x if not rtl else CHART_WIDTH - LABEL_WIDTH - x - width
                if width:
                    segments.append((left, width, fills[g]))
                x += width
            rows.append(
                PhaseRow(phase_label(phase), [by_key[g] for g in groups],
                         [(_shown(key, by_key[g].count), by_key[g].share) for g in groups],
                         segments, index * (BAR_HEIGHT + GAP))
            )  # fmt: skip
        title = _("%(measure)s per phase") % {"measure": MEASURE_LABELS[key]}
        found.append(
            PhaseChart(f"phases-{key}", title, [(group_label(g), fills[g]) for g in groups], rows,
                       max(1, len(rows)) * (BAR_HEIGHT + GAP), rtl)
        )  # fmt: skip
    return found


def _phases_json(balance: Balance) -> list[dict[str, object]]:
    return [
        {
            "phase": p.pk,
            "title": p.title,
            "starts_on": p.starts_on,
            "ends_on": p.ends_on,
            "measures": {
                key: [
                    {"group": c.key, "count": c.count, "share": c.share}
                    for c in cells({g: p.measures[key].get(g, 0) for g in balance.groups})
                ]
                for key in PHASE_MEASURES
            },
        }
        for p in balance.phases
    ]


def as_json(balance: Balance) -> dict[str, object]:
    """The API's answer: counts and shares per group for each measure, inputs per month, and
    region and gender under the small-cell rule (a hidden count is null)."""

    def listed(rows: list[Cell]) -> list[dict[str, object]]:
        return [{"group": c.key, "count": c.count, "share": c.share} for c in rows]

    return {
        "groups": [{"slug": g, "label": group_label(g)} for g in balance.groups],
        "measures": {
            key: listed(cells({g: balance.measures[key].get(g, 0) for g in balance.groups}))
            for key in MEASURES
        },
        "months": [
            {"month": month, "group": g, "contributions": n}
            for month, counts in balance.months.items()
            for g, n in counts.items()
        ],
        "regions": [
            {"region": c.key, "count": c.count, "share": c.share}
            for c in private_cells(balance.regions)
        ],
        "genders": [
            {"gender": c.key, "count": c.count, "share": c.share}
            for c in private_cells(balance.genders)
        ],
        "phases": _phases_json(balance),
    }


CSV_FIELDS = ["measure", "group", "group_label", "count", "share", "phase"]


def csv_rows(balance: Balance) -> list[dict[str, object]]:
    """One row per measure and group (region and gender rows under the small-cell rule)."""
    rows: list[dict[str, object]] = []
    for key in MEASURES:
        counts = {g: balance.measures[key].get(g, 0) for g in balance.groups}
        rows += [
            {"measure": key, "group": c.key, "group_label": group_label(c.key),
             "count": c.count, "share": c.share}
            for c in cells(counts)
        ]  # fmt: skip
    for key, counts in (("region", balance.regions), ("gender", balance.genders)):
        rows += [
            {"measure": key, "group": c.key, "group_label": c.key, "count": c.count,
             "share": c.share}
            for c in private_cells(counts)
        ]  # fmt: skip
    for phase in balance.phases:
        for key in PHASE_MEASURES:
            counts = {g: phase.measures[key].get(g, 0) for g in balance.groups}
            rows += [
                {"measure": key, "group": c.key, "group_label": group_label(c.key),
                 "count": c.count, "share": c.share, "phase": phase_label(phase)}
                for c in cells(counts)
            ]  # fmt: skip
    return rows
