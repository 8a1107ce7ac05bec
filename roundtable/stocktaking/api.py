"""The balance as JSON and CSV: of a process, and of a venue's year. Reads through the door
(`observe` under the process's own modality: processes/reading.py); a venue's year counts only
the processes the caller may observe. Mounted by roundtable/api/api.py."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router
from ninja.params.functions import Path

from roundtable.outputs.errors import Error

from .figures import CSV_FIELDS, as_json, csv_rows
from .queries import Balance, get_process_balance, get_venue_year_balance
from .schemas import BalanceOut

router = Router(tags=["stock-taking"])
YEAR: Any = Path(..., ge=1, le=9999)


def _csv(balance: Balance, filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS)
    writer.writeheader()
    # Region and gender are what people typed: quote a leading formula character.
    for row in csv_rows(balance):
        writer.writerow(
            {k: "'" + v if isinstance(v, str) and v[:1] in "=+-@\t\r" and v else v
             for k, v in row.items()}
        )  # fmt: skip
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@router.get(
    "/processes/{venue}/{process}/balance",
    response={200: BalanceOut, 404: Error},
    operation_id="stocktaking_process_balance",
)
def process_balance(request: HttpRequest, venue: str, process: str) -> Any:
    """Counts and shares per stakeholder group of participants, inputs, words, amendments,
    speaking time, positions and list posts; inputs per month; region and gender as declared,
    under the small-cell rule (docs/stocktaking.md)."""
    return as_json(get_process_balance(viewer=request, venue=venue, process=process)[1])


@router.get(
    "/processes/{venue}/{process}/balance.csv",
    response={404: Error},
    operation_id="stocktaking_process_balance_csv",
)
def process_balance_csv(request: HttpRequest, venue: str, process: str) -> HttpResponse:
    """The same figures, one row per measure and group."""
    found, balance = get_process_balance(viewer=request, venue=venue, process=process)
    return _csv(balance, f"{found.venue.slug}-{found.slug}-balance.csv")


@router.get(
    "/venues/{venue}/years/{year}/balance",
    response={200: BalanceOut, 404: Error},
    operation_id="stocktaking_venue_year_balance",
)
def venue_year_balance(request: HttpRequest, venue: str, year: int = YEAR) -> Any:
    """The balance of the venue's processes with a phase in `year` (those the caller may
    observe), counted together."""
    return as_json(get_venue_year_balance(viewer=request, venue=venue, year=year)[2])


@router.get(
    "/venues/{venue}/years/{year}/balance.csv",
    response={404: Error},
    operation_id="stocktaking_venue_year_balance_csv",
)
def venue_year_balance_csv(request: HttpRequest, venue: str, year: int = YEAR) -> HttpResponse:
    found, _processes, balance = get_venue_year_balance(viewer=request, venue=venue, year=year)
    return _csv(balance, f"{found.slug}-{year}-balance.csv")
