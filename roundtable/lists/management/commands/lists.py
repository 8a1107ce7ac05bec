"""`roundtable lists import --list ADDRESS PATH... [--json]` and
`roundtable lists export --list ADDRESS [--thread KEY]` (mboxrd on stdout) and
`roundtable lists digest [--list ADDRESS]` (queue the digests now, as the daily task does).
`roundtable lists import --background ...` queues the import for `roundtable worker`, and
`roundtable lists runs [--list ADDRESS] [--watch]` shows the recent imports and queued tasks."""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.timezone import localtime
from rich.console import Console, Group
from rich.live import Live
from rich.table import Table

from roundtable.mail import readers
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require_command

from ...actions import ImportResult, do_import_archive, iter_export
from ...digests import do_send_digests
from ...import_runs import any_running, queued_imports, recent_runs
from ...models import MailingList, Thread
from ...tasks import do_queue_import

# Whoever runs `roundtable lists import`, as the import run and the audit trail name them.
IMPORTER = "command:lists import"
DIGESTS = "command:lists digest"


class Command(BaseCommand):
    help = "Import mailing-list archives (any format) or export a list as mboxrd."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Import files, folders or globs into a list.")
        imp.add_argument("--list", dest="address", required=True, help="The list's address.")
        imp.add_argument("paths", nargs="+", metavar="PATH")
        imp.add_argument("--json", action="store_true", help="Print one JSON object at the end.")
        imp.add_argument("--batch-size", type=int, default=1000)
        imp.add_argument("--workers", type=int, default=None, help="Helper processes (0: none).")
        imp.add_argument(
            "--background",
            action="store_true",
            help="Queue the import for `roundtable worker` and return at once.",
        )
        runs = sub.add_parser("runs", help="Show recent imports and queued import tasks.")
        runs.add_argument("--list", dest="address", default=None, help="Only this list.")
        runs.add_argument("--watch", action="store_true", help="Refresh until none is running.")
        runs.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between refreshes with --watch."
        )
        exp = sub.add_parser("export", help="Write a list (or one thread) as mboxrd to stdout.")
        exp.add_argument("--list", dest="address", required=True)
        exp.add_argument("--thread", dest="thread", default=None, help="A thread key.")
        dig = sub.add_parser("digest", help="Queue each list's digest now (the daily task).")
        dig.add_argument("--list", dest="address", default=None, help="Only this list.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options)
        elif options["action"] == "runs":
            self._runs(options)
        elif options["action"] == "digest":
            require_command(right="administer", modality="platform")
            sent = do_send_digests(actor=Actor.operator(DIGESTS), address=options["address"])
            self.stdout.write(json.dumps(sent))
        else:
            self._export(options)

    def _import(self, options: dict[str, Any]) -> None:
        require_command(right="administer", modality="platform")
        actor = Actor.operator(IMPORTER)
        if options["background"]:
            self._queue(options, actor)
            return
        show_bar = not options["json"] and sys.stderr.isatty()
        try:
            if show_bar:
                result = self._import_with_bar(options, actor)
            else:
                result = do_import_archive(
                    actor=actor,
                    list_address=options["address"],
                    paths=options["paths"],
                    batch_size=options["batch_size"],
                    workers=options["workers"],
                )
        except FileNotFoundError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict()))
            return
        self._report(result)

    def _queue(self, options: dict[str, Any], actor: Actor) -> None:
        try:
            task_id = do_queue_import(
                actor=actor,
                list_address=options["address"],
                paths=options["paths"],
                workers=options["workers"] if options["workers"] is not None else 0,
            )
        except FileNotFoundError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps({"task": task_id}))
            return
        self.stdout.write(f"queued import task {task_id}")
        self.stdout.write(
            "run it with `roundtable worker`; watch it with "
            f"`roundtable lists runs --list {options['address']} --watch`"
        )

    def _runs(self, options: dict[str, Any]) -> None:
        require_command(right="administer", modality="platform")
        address = options["address"]
        console = Console(file=getattr(self.stdout, "_out", sys.stdout))
        if not options["watch"]:
            console.print(runs_view(address))
            return
        with Live(runs_view(address), console=console, auto_refresh=False) as live:
            while any_running(address=address):
                time.sleep(max(0.1, options["interval"]))
                live.update(runs_view(address), refresh=True)
            live.update(runs_view(address), refresh=True)

    def _import_with_bar(self, options: dict[str, Any], actor: Actor) -> ImportResult:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        total = sum(1 for _ in readers.expand(options["paths"]))
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[read]} messages"),
            transient=False,
        ) as progress:
            task = progress.add_task("Importing", total=total, read=0)

            def advance(path: str, done_sources: int, read: int) -> None:
                progress.update(task, completed=done_sources, read=read)

            return do_import_archive(
                actor=actor,
                list_address=options["address"],
                paths=options["paths"],
                batch_size=options["batch_size"],
                workers=options["workers"],
                on_progress=advance,
            )

    def _report(self, result: ImportResult) -> None:
        balanced = result.read == result.stored + result.duplicates + result.quarantined
        self.stdout.write(
            f"read {result.read} = stored {result.stored} + duplicates {result.duplicates} "
            f"+ quarantined {result.quarantined}  [{'balanced' if balanced else 'NOT BALANCED'}]"
        )
        self.stdout.write(
            f"threads {result.threads}" + ("  (resumed run)" if result.resumed else "")
        )

    def _export(self, options: dict[str, Any]) -> None:
        require_command(right="observe", modality="open-mailing-list")
        mailing_list = MailingList.objects.filter(
            address=options["address"].strip().lower()
        ).first()
        if mailing_list is None:
            raise CommandError(f"no list {options['address']}")
        thread = None
        if options["thread"]:
            thread = Thread.objects.filter(mailing_list=mailing_list, key=options["thread"]).first()
            if thread is None:
                raise CommandError(f"no thread {options['thread']} in {mailing_list.address}")
        stream = getattr(self.stdout, "_out", sys.stdout)
        out = getattr(stream, "buffer", sys.stdout.buffer)
        try:
            for entry in iter_export(mailing_list=mailing_list, thread=thread):
                out.write(entry)
            out.flush()
        except BrokenPipeError:  # `... | head`: the reader has gone, which is fine
            sys.stderr.close()


def _when(value: Any) -> str:
    return localtime(value).strftime("%Y-%m-%d %H:%M:%S") if value else "-"


def runs_view(address: str | None) -> Group:
    """The recent import runs and the import tasks, as two tables."""
    runs = Table(title="Import runs")
    for column in ("run", "list", "status", "read", "stored", "duplicates", "quarantined"):
        runs.add_column(column, justify="right" if column not in {"list", "status"} else "left")
    runs.add_column("started")
    runs.add_column("finished")
    for run in recent_runs(address=address):
        runs.add_row(
            str(run.pk),
            run.mailing_list.address,
            run.status,
            str(run.read),
            str(run.stored),
            str(run.duplicates),
            str(run.quarantined),
            _when(run.started_at),
            _when(run.finished_at),
        )
    tasks = Table(title="Import tasks")
    for column in ("task", "list", "status", "queued", "finished", "paths"):
        tasks.add_column(column)
    for queued in queued_imports(address=address):
        tasks.add_row(
            queued.task_id,
            queued.list_address,
            queued.status,
            _when(queued.enqueued_at),
            _when(queued.finished_at),
            " ".join(queued.paths),
        )
    return Group(runs, tasks)
