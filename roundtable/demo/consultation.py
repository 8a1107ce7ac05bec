"""The EU AI Act consultation: the 304 feedbacks the Commission's "Have your say" received on
the AI Act proposal (COM(2021) 206, 26 April to 6 August 2021), imported from the shared data
set (`../shared/data/consultations/eu-haveyoursay-ai-act-PC-AI/main/feedbacks.csv`, read in
place) as the contributions of one call, each respondent type mapped to a stakeholder group
by the contributions app's importer, and grouped into campaigns (docs/campaigns.md). A checkout without the shared data has the call empty.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from django.conf import settings

from roundtable.contributions.actions import do_open_call
from roundtable.contributions.campaigns import do_group_campaigns
from roundtable.contributions.imports import do_import_haveyoursay
from roundtable.contributions.models import CallForInput
from roundtable.permissions.actor import Actor
from roundtable.permissions.registry import do_register_rule_file, latest_rule_file
from roundtable.processes.actions import do_add_phase, do_create_process, do_create_venue
from roundtable.processes.models import Process
from roundtable.venues.models import Venue

from .people import ACTOR

RULES = Path(__file__).with_name("eu-have-your-say.yaml")
CALL_TITLE = "Feedback on the AI Act proposal"


def feedbacks_file() -> Path:
    return (
        Path(settings.REPO_DIR) / ".." / "shared" / "data" / "consultations"
        / "eu-haveyoursay-ai-act-PC-AI" / "main" / "feedbacks.csv"
    ).resolve()  # fmt: skip


def load_eu_venue(created: dict[str, int]) -> Process:
    if latest_rule_file("eu-have-your-say") is None:
        do_register_rule_file(
            actor=ACTOR, venue="eu", text=RULES.read_text(encoding="utf-8"), filename=RULES.name
        )
    venue = Venue.objects.filter(slug="eu").first()
    if venue is None:
        venue = do_create_venue(
            actor=ACTOR, slug="eu", name="European Commission — Have your say",
            default_modality="eu-have-your-say",
            description="Public feedback on the Commission's initiatives and proposals.",
        )  # fmt: skip
        created["venues"] += 1
    process = Process.objects.filter(venue=venue, slug="ai-act").first()
    if process is None:
        process = do_create_process(
            actor=ACTOR, venue=venue, slug="ai-act", modality="eu-have-your-say",
            title="Artificial Intelligence Act: feedback on the proposal",
        )  # fmt: skip
        created["processes"] += 1
        do_add_phase(
            actor=ACTOR, process=process, kind="open-consultation", title="Feedback period",
            starts_on=date(2021, 4, 26), ends_on=date(2021, 8, 6),
        )  # fmt: skip
    return process


def load_consultation(process: Process, people: dict[str, Any], created: dict[str, int]) -> None:
    call = CallForInput.objects.filter(process=process, title=CALL_TITLE).first()
    if call is None:
        call = do_open_call(
            actor=ACTOR, process=process, title=CALL_TITLE,
            opens_at=datetime(2021, 4, 26, tzinfo=UTC), closes_at=datetime(2021, 8, 7, tzinfo=UTC),
            description="Feedback on COM(2021) 206, imported from the Commission's “Have your "
            "say” portal with each respondent type mapped to a stakeholder group.",
        )  # fmt: skip
    source = feedbacks_file()
    if source.is_file():
        report = do_import_haveyoursay(
            actor=Actor.person(people["eu-secretariat@example.org"]), call=call,
            text=source.read_text(encoding="utf-8-sig"),
        )  # fmt: skip
        created["contributions"] += report.created
        if report.created:
            # The import queues the grouping for a worker; the demo needs it now.
            do_group_campaigns(actor=ACTOR, call=call)
