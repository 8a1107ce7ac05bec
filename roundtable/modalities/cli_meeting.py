"""`roundtable modalities` subcommands that apply the rules to a meeting's data: tally (an
adoption procedure over ballots) and queue (the speaker order over requests for the floor)."""

from __future__ import annotations

import argparse

from rich.table import Table

from roundtable.modalities.ballots import Ballot, BallotError
from roundtable.modalities.cli_io import (
    UsageError,
    check_known,
    emit_json,
    modality_argument,
    new_console,
    phase_or_first,
    read_json_list,
)
from roundtable.modalities.compare import describe_speaker_order
from roundtable.modalities.procedures import tally
from roundtable.modalities.speakers import SpeakRequest, queue_for_modality
from roundtable.modalities.standing import Context


# ---- tally ------------------------------------------------------------------------------
def cmd_tally(args: argparse.Namespace) -> int:
    modality = modality_argument(args.modality)
    name = args.procedure
    if name is None:
        adopting = [p.adoption for p in modality.phases if p.adoption != "none"]
        if not adopting:
            raise UsageError(f"{modality.name} adopts nothing: it has no adoption procedure")
        name = adopting[0]
    procedure = modality.procedure(name)
    if procedure is None:
        known = ", ".join(p.name for p in modality.procedures) or "none"
        raise UsageError(f"{modality.name} has no procedure {name!r} (known: {known})")
    try:
        ballots = [Ballot.from_json(item) for item in read_json_list(args.ballots, "ballots")]
        result = tally(procedure, ballots, designation=args.designation)
    except BallotError as exc:
        raise UsageError(f"{args.ballots}: {exc}") from None
    payload = {"modality": modality.name, **result.to_json()}
    if args.json:
        emit_json(payload)
        return 0
    console = new_console()
    console.print(
        f"{modality.name} / {procedure.name} ({procedure.kind}"
        f"{', secret ballot' if procedure.secret else ''}): {result.outcome.upper()}"
    )
    console.print(result.summary)
    for key, value in result.arithmetic.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            table = Table(title=key)
            columns = list(value[0])
            for column in columns:
                table.add_column(column)
            for item in value:
                table.add_row(*(str(item.get(c, "")) for c in columns))
            console.print(table)
        else:
            console.print(f"  {key}: {value}")
    return 0


# ---- queue ------------------------------------------------------------------------------
def cmd_queue(args: argparse.Namespace) -> int:
    modality = modality_argument(args.modality)
    if args.day is not None:
        check_known([args.day], modality.days, "day kind")
    try:
        requests = [
            SpeakRequest.from_json(item) for item in read_json_list(args.requests, "requests")
        ]
    except ValueError as exc:
        raise UsageError(f"{args.requests}: {exc}") from None
    context = Context(
        venue=modality.venue, phase=phase_or_first(modality, args.phase), day=args.day
    )
    result = queue_for_modality(modality, requests, context)
    payload = {
        "modality": modality.name,
        "policy": modality.speaker_order.policy,
        "context": context.describe(),
        **result.to_json(),
    }
    if args.json:
        emit_json(payload)
        return 0
    console = new_console()
    table = Table(title=f"{modality.name}: speaker order ({describe_speaker_order(modality)})")
    for column in ("#", "speaker", "group", "via", "round", "tier", "remote"):
        table.add_column(column)
    for index, slot in enumerate(result.slots, 1):
        table.add_row(
            str(index),
            slot.speaker,
            slot.group or "-",
            slot.via,
            str(slot.round),
            str(slot.tier),
            "yes" if slot.remote else "",
        )
    console.print(table)
    for refusal in result.refused:
        console.print(f"refused: {refusal.speaker} ({refusal.rule}): {refusal.reason}")
    return 0
