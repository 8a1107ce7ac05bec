"""Balance pages (a process's, a venue's year) and the stock-taking report. Each reads through
the door (`observe` under the process's own modality, in queries.py and report.py)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, get_language_bidi

from .figures import charts, months_table, phase_charts
from .queries import get_process_balance, get_venue_year_balance
from .report import build_report, report_pdf


def process_balance(request: HttpRequest, venue: str, process: str) -> HttpResponse:
    found, balance = get_process_balance(viewer=request, venue=venue, process=process)
    groups, months = months_table(balance)
    return render(
        request,
        "stocktaking/balance.html",
        {
            "process": found,
            "charts": charts(balance),
            "month_groups": groups,
            "months": months,
            "phase_charts": phase_charts(balance),
        },
    )


def venue_year_balance(request: HttpRequest, venue: str, year: int) -> HttpResponse:
    found, processes, balance = get_venue_year_balance(viewer=request, venue=venue, year=year)
    groups, months = months_table(balance)
    return render(
        request,
        "stocktaking/balance.html",
        {
            "venue": found,
            "year": year,
            "processes": processes,
            "charts": charts(balance),
            "month_groups": groups,
            "months": months,
            "phase_charts": phase_charts(balance),
        },
    )


def _process_report(request: HttpRequest, venue: str, process: str) -> dict[str, object]:
    found, balance = get_process_balance(viewer=request, venue=venue, process=process)
    return {
        "process": found,
        "title": found.title,
        "report": build_report(viewer=request, processes=[found], balance=balance),
        "now": timezone.now(),
    }


def _venue_year_report(request: HttpRequest, venue: str, year: int) -> dict[str, object]:
    found, processes, balance = get_venue_year_balance(viewer=request, venue=venue, year=year)
    return {
        "venue": found,
        "year": year,
        "title": f"{found.name}, {year}",
        "report": build_report(viewer=request, processes=processes, balance=balance),
        "now": timezone.now(),
    }


def _pdf(request: HttpRequest, context: dict[str, object], filename: str) -> HttpResponse:
    context = {**context, "LANGUAGE_CODE": get_language(), "LANGUAGE_BIDI": get_language_bidi()}
    response = HttpResponse(report_pdf(context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def process_report(request: HttpRequest, venue: str, process: str) -> HttpResponse:
    return render(request, "stocktaking/report.html", _process_report(request, venue, process))


def process_report_pdf(request: HttpRequest, venue: str, process: str) -> HttpResponse:
    return _pdf(
        request,
        _process_report(request, venue, process),
        f"{venue}-{process}-stock-taking.pdf",
    )


def venue_year_report(request: HttpRequest, venue: str, year: int) -> HttpResponse:
    return render(request, "stocktaking/report.html", _venue_year_report(request, venue, year))


def venue_year_report_pdf(request: HttpRequest, venue: str, year: int) -> HttpResponse:
    return _pdf(
        request, _venue_year_report(request, venue, year), f"{venue}-{year}-stock-taking.pdf"
    )
