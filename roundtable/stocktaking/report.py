"""The stock-taking report of a process or a venue's year: what was asked (calls), who answered
(the balance), what the secretariat drafted from it (citations), what was adopted with what
consensus level and minority views, and what follow-up has happened.

Every part is read through the viewer-aware queries of the apps that own it (members-only
documents, their adoptions and outcomes stay with those who may observe them). The PDF is the
same HTML drawn by WeasyPrint with the print stylesheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.db.models import Count, Q
from django.template.loader import render_to_string
from weasyprint import CSS, HTML

from roundtable.contributions.models import CallForInput
from roundtable.decisions.models import Adoption, MinorityStatement, Outcome
from roundtable.decisions.queries import list_process_outcomes
from roundtable.drafting.models import Citation, Document
from roundtable.drafting.queries import list_documents
from roundtable.processes.models import Process

from .figures import Chart, charts
from .queries import Balance


@dataclass(frozen=True)
class Drafted:
    document: Document
    citations: int
    contributions_cited: int
    cited_by_group: list[tuple[str, int]]


@dataclass(frozen=True)
class Adopted:
    adoption: Adoption
    minority: list[MinorityStatement]


@dataclass(frozen=True)
class Report:
    processes: list[Process]
    calls: Sequence[CallForInput]
    charts: list[Chart]
    drafted: list[Drafted]
    adopted: list[Adopted]
    outcomes: list[Outcome]


def build_report(*, viewer: Any, processes: list[Process], balance: Balance) -> Report:
    """The report's parts for processes the caller has checked the viewer may observe."""
    documents: list[Document] = []
    for process in processes:
        documents += list(list_documents(viewer=viewer, process=process).order_by("pk"))
    calls = list(
        CallForInput.objects.filter(process__in=processes)
        .annotate(answers=Count("contributions", filter=Q(contributions__status="published")))
        .order_by("opens_at", "pk")
    )
    cited: dict[int, dict[str, int]] = {
        row["document"]: {"n": row["n"], "contributions": row["contributions"]}
        for row in Citation.objects.filter(document__in=documents)
        .values("document")
        .annotate(n=Count("pk"), contributions=Count("contribution", distinct=True))
        .order_by()
    }
    by_group: dict[int, list[tuple[str, int]]] = {}
    for row in (
        Citation.objects.filter(document__in=documents)
        .values("document", "contribution__group__slug")
        .annotate(n=Count("contribution", distinct=True))
        .order_by("document", "-n", "contribution__group__slug")
    ):
        by_group.setdefault(row["document"], []).append(
            (row["contribution__group__slug"] or "", row["n"])
        )
    drafted = [
        Drafted(
            d,
            cited.get(d.pk, {}).get("n", 0),
            cited.get(d.pk, {}).get("contributions", 0),
            by_group.get(d.pk, []),
        )
        for d in documents
    ]
    adoptions = list(
        Adoption.objects.filter(document__in=documents)
        .select_related("document", "version")
        .prefetch_related("minority_statements")
        .order_by("opened_at", "pk")
    )
    outcomes: list[Outcome] = []
    for process in processes:
        outcomes += list(
            list_process_outcomes(viewer=viewer, process=process)
            .prefetch_related("follow_ups")
            .order_by("recorded_at", "pk")
        )
    return Report(
        processes=processes,
        calls=calls,
        charts=charts(balance),
        drafted=drafted,
        adopted=[Adopted(a, list(a.minority_statements.all())) for a in adoptions],
        outcomes=outcomes,
    )


def _stylesheets() -> list[CSS]:
    found = []
    for name in ("stocktaking/balance.css", "stocktaking/report-pdf.css"):
        path = finders.find(name)
        if isinstance(path, str):
            found.append(CSS(filename=path))
    return found


def report_pdf(context: dict[str, Any]) -> bytes:
    """The report as PDF: the print template drawn by WeasyPrint (nothing fetched over the
    network: the stylesheets are read from the static folders)."""
    html = render_to_string("stocktaking/report_print.html", context)
    pdf = HTML(string=html, base_url=str(Path(__file__).parent)).write_pdf(
        stylesheets=_stylesheets()
    )
    return bytes(pdf or b"")
