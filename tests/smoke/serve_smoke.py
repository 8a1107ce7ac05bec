"""CI smoke through the real servers (issue 15, acceptance): on the database of DATABASE_URL
(dev.py passes its throwaway PostgreSQL), load the demo, start `roundtable serve --workers 2`
and a `roundtable worker`, then over HTTP: /healthz; sign in with a demo account through the
login form (CSRF); submit an input to the WTPF call; propose an amendment to the draft opinion;
queue a mailbox import as a background task and wait until the worker has stored it; no 5xx in
the server's log. Stops them all; exit 1 with the step that failed.

    python tests/smoke/serve_smoke.py [--keep]     (run by `python3 dev.py test`)
"""

from __future__ import annotations

import argparse
import json
import mailbox
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.smoke.client import Session, options_of
from tests.smoke.stack import base_env, errors_in, load_demo, manage, serving, share_static

# A Member State's delegate: may submit input and propose amendments in the CWG-Internet.
ACCOUNT = "bertrand@example.org"
PASSWORD = "roundtable-demo"  # noqa: S105 (the demo's published password)
LIST = "mmwg@wsis-cs.org"
LIST_SLUG = "mmwg"


def _step(name: str, action: Callable[[], str]) -> None:
    started = time.monotonic()
    try:
        detail = action()
    except (AssertionError, OSError, ValueError) as exc:
        raise SystemExit(f"SMOKE FAILED at '{name}': {type(exc).__name__}: {exc}") from None
    print(f"  ok  {name} ({time.monotonic() - started:.1f} s){': ' + detail if detail else ''}")


def _link(body: str, pattern: str, what: str) -> str:
    found = re.search(pattern, body)
    assert found, f"no link to {what} on the page"
    return found.group(0).strip('"')


def _mbox(folder: Path, nonce: str) -> Path:
    path = folder / "smoke.mbox"
    box = mailbox.mbox(str(path))
    for n in range(3):
        message = EmailMessage()
        message["From"] = f"smoke{n}@example.net"
        message["To"] = LIST
        message["Subject"] = f"Smoke {nonce}" if n == 0 else f"Re: Smoke {nonce}"
        message["Message-ID"] = f"<smoke-{nonce}-{n}@example.net>"
        if n:
            message["In-Reply-To"] = f"<smoke-{nonce}-0@example.net>"
        message["Date"] = format_datetime(datetime.now(UTC))
        message.set_content(f"Smoke message {n}.")
        box.add(message)
    box.flush()
    box.close()
    return path


def smoke(url: str, env: dict[str, str], work: Path) -> None:
    web = Session(url)
    nonce = str(int(time.time() * 1000))

    def health() -> str:
        answer = web.get("/healthz")
        assert answer.status == 200, f"/healthz answered {answer.status}: {answer.body[:300]}"
        return answer.body.strip()[:120]

    def sign_in() -> str:
        answer = web.post("/accounts/login/", {"username": ACCOUNT, "password": PASSWORD})
        assert answer.status == 302, f"the login form answered {answer.status}, not a redirect"
        me = web.get("/accounts/me/")
        assert me.status == 200 and ACCOUNT in me.body, f"/accounts/me/ after sign-in: {me.status}"
        return ACCOUNT

    def submit() -> str:
        process = web.get(PROCESS)
        assert process.status == 200, f"GET {PROCESS}: {process.status}"
        call = _link(process.body, r"/calls/\d+/", "a call for input")
        title = f"Smoke input {nonce}"
        fields = {"title": title, "body": "Sent through the real server.", "language": "en"}
        answer = web.post(call, fields)
        assert answer.status == 302, f"POST {call} answered {answer.status}: {_errors(answer.body)}"
        page = web.get(call)
        assert title in page.body, f"{call} does not list the submitted input"
        return f"{call} -> {answer.location}"

    def amend() -> str:
        documents = web.get(f"{PROCESS}documents/")
        assert documents.status == 200, f"GET {PROCESS}documents/: {documents.status}"
        document = _link(documents.body, r"/documents/\d+/", "a document")
        page = web.get(document)
        pids = [pid for pid in options_of(page.body, "pid") if pid]
        assert page.status == 200 and pids, f"{document} offers no paragraph to amend"
        fields = {
            "pid": pids[0],
            "kind": "replace",
            "text": f"Amended {nonce}.",
            "rationale": f"Smoke {nonce}.",
        }
        answer = web.post(f"{document}amend/", fields, token_from=document)
        assert answer.status == 302 and "/amendments/" in answer.location, (
            f"POST {document}amend/ answered {answer.status}: {_errors(answer.body)}"
        )
        shown = web.get(answer.location.removeprefix(url))
        assert shown.status == 200 and f"Smoke {nonce}." in shown.body, "the amendment is not shown"
        return answer.location.removeprefix(url)

    def import_task() -> str:
        source = _mbox(work, nonce)
        queued = json.loads(
            manage(env, "lists", "import", "--background", "--json", "--list", LIST, str(source))
        )
        search = f"/lists/{LIST_SLUG}/search/?q={nonce}"
        deadline = time.monotonic() + 90
        while True:
            answer = web.get(search)
            assert answer.status == 200, f"GET {search}: {answer.status}"
            if f"Smoke {nonce}" in answer.body:
                return f"task {queued.get('task')} done by the worker"
            assert time.monotonic() < deadline, (
                f"the worker did not import the mailbox within 90 s (task {queued.get('task')})"
            )
            time.sleep(0.5)

    for name, action in (
        ("health check /healthz", health),
        ("sign in through the login form", sign_in),
        ("submit an input", submit),
        ("propose an amendment", amend),
        ("import a mailbox as a background task", import_task),
        ("health check after the flows", health),
    ):
        _step(name, action)


PROCESS = "/venues/itu/cwg-internet/"  # open consultation in the demo (roundtable/demo/cwg.py)


def _errors(body: str) -> str:
    found = re.findall(r'class="[^"]*error[^"]*"[^>]*>(.*?)<', body, re.S)
    return "; ".join(f.strip() for f in found if f.strip())[:400] or body[:200]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="server processes (default 2)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="roundtable-smoke-"))
    env = base_env(work / "data", os.environ.get("DATABASE_URL", ""))
    (work / "data").mkdir()
    share_static(work / "data")
    started = time.monotonic()
    database = "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    print(f"Smoke through `roundtable serve --workers {args.workers}` and `roundtable worker` "
          f"on {database} (logs in {work / 'logs'})")  # fmt: skip
    try:
        load_demo(env)
        with serving(env, work / "logs", workers=args.workers) as (url, _pids):
            smoke(url, env, work)
        errors = errors_in(work / "logs" / "serve.log") + errors_in(work / "logs" / "worker.log")
        if errors:
            raise SystemExit("SMOKE FAILED: server errors in the logs:\n" + "\n".join(errors[:20]))
    except SystemExit as exc:
        args.keep = True
        print(exc, file=sys.stderr)
        print(f"Logs kept in {work / 'logs'}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"Smoke passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
