#!/usr/bin/env python3
"""Set up and run Roundtable with nothing but Python 3.11 (stdlib only).

    python3 dev.py demo    # venv, dependencies, migrations, demo data, serve http://127.0.0.1:8000
    python3 dev.py test    # venv, dependencies, Chromium, PostgreSQL; checks and the suite on both

Every step is idempotent and skipped when already done, so the second run is fast.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from subprocess import Popen

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
STAMP = VENV / ".roundtable-deps"
CHROMIUM = Path("/usr/bin/chromium")
PG_VERSION = "15"


def say(text: str) -> None:
    print(f"\033[1m==> {text}\033[0m" if sys.stdout.isatty() else f"==> {text}", flush=True)


def run(cmd: list[str], **kwargs: object) -> None:
    subprocess.run(cmd, check=True, cwd=ROOT, **kwargs)  # type: ignore[call-overload]


def ensure_python() -> None:
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"Roundtable needs Python 3.11; this is {sys.version.split()[0]}.")


def ensure_venv() -> None:
    if not PY.exists():
        say("Creating the virtual environment in .venv")
        run([sys.executable, "-m", "venv", str(VENV)])
    wanted = hashlib.sha256(
        (ROOT / "requirements.lock").read_bytes() + (ROOT / "pyproject.toml").read_bytes()
    ).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    say("Installing pinned dependencies (requirements.lock)")
    pip = [str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    # Build tools first, then everything without build isolation: an isolated build would fetch
    # the newest setuptools, which no longer has the pkg_resources that XStatic's sdist imports.
    build_tools = [
        line.strip()
        for line in (ROOT / "requirements.lock").read_text().splitlines()
        if line.startswith(("setuptools==", "wheel=="))
    ]
    run([*pip, *build_tools])
    run([*pip, "--no-build-isolation", "-r", "requirements.lock"])
    # The project itself, editable and offline: setuptools and wheel come pinned in the lock.
    run([*pip, "--no-deps", "--no-build-isolation", "-e", "."])
    STAMP.write_text(wanted)


def apt_install(*packages: str) -> None:
    if os.geteuid() != 0:
        sys.exit(f"Please install {' '.join(packages)} with your package manager (needs root).")
    say(f"Installing {' '.join(packages)} from Debian's packages")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(["apt-get", "update", "-qq"], env=env)
    run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages], env=env)


def ensure_gettext() -> None:
    if not shutil.which("msgfmt"):
        apt_install("gettext")


def ensure_chromium() -> None:
    if not CHROMIUM.exists():
        apt_install("chromium")


# The stock-taking report's PDF: WeasyPrint draws with Pango; DejaVu covers Latin, Cyrillic and
# Arabic, WenQuanYi Micro Hei Chinese (1.6 MB to download, 5 MB installed, where Noto CJK is 57
# and 91); pdftoppm (poppler-utils) turns a page into a PNG for the tests.
PDF_PACKAGES = {
    "libpango-1.0.so.0": "libpango-1.0-0",
    "libpangoft2-1.0.so.0": "libpangoft2-1.0-0",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf": "fonts-dejavu-core",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc": "fonts-wqy-microhei",
}


def ensure_pdf(*, tests: bool = False) -> None:
    known = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    missing = [
        package
        for need, package in PDF_PACKAGES.items()
        if not (Path(need).exists() if need.startswith("/") else need in known)
    ]
    if tests and not shutil.which("pdftoppm"):
        missing.append("poppler-utils")
    if missing:
        apt_install(*missing)


# axe-core (accessibility rules) from its npm package, for the browser tests; an ignored folder.
AXE_VERSION = "4.11.0"
NODE_DIR = ROOT / ".node"
AXE_JS = NODE_DIR / "node_modules" / "axe-core" / "axe.min.js"


def ensure_axe() -> None:
    stamp = NODE_DIR / ".axe-version"
    if AXE_JS.exists() and stamp.exists() and stamp.read_text() == AXE_VERSION:
        return
    if not shutil.which("npm"):
        apt_install("nodejs", "npm")
    say(f"Installing axe-core {AXE_VERSION} from npm into .node/")
    NODE_DIR.mkdir(exist_ok=True)
    run(
        [
            "npm",
            "install",
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(NODE_DIR),
            f"axe-core@{AXE_VERSION}",
        ]
    )
    stamp.write_text(AXE_VERSION)


def pg_bindir() -> Path:
    return Path(f"/usr/lib/postgresql/{PG_VERSION}/bin")


def ensure_postgresql() -> None:
    if not (pg_bindir() / "initdb").exists():
        apt_install(f"postgresql-{PG_VERSION}")


def manage(*args: str, env: dict[str, str] | None = None) -> None:
    run([str(PY), "-m", "roundtable.cli", *args], env=env)


def compile_messages() -> None:
    locale = ROOT / "roundtable" / "locale"
    stale = [
        po
        for po in locale.glob("*/LC_MESSAGES/django.po")
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if stale:
        ensure_gettext()
        say("Compiling translations")
        manage("compilemessages", "--ignore", ".venv")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def postgresql() -> Iterator[str]:
    """A throwaway PostgreSQL server: initdb in a temporary folder, loopback port, stopped after."""
    ensure_postgresql()
    bindir = pg_bindir()
    folder = Path(tempfile.mkdtemp(prefix="roundtable-pg-"))
    data, sock = folder / "data", folder / "sock"
    sock.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:
        # PostgreSQL refuses to run as root: use the unprivileged 'nobody'.
        shutil.chown(folder, "nobody")
        shutil.chown(sock, "nobody")
        as_user = ["runuser", "-u", "nobody", "--"]
    port = free_port()
    say(f"Starting PostgreSQL {PG_VERSION} on 127.0.0.1:{port}")
    subprocess.run(
        [
            *as_user,
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            "roundtable",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        cwd="/",
    )
    subprocess.run(
        [
            *as_user,
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(folder / "log"),
            "-w",
            "-o",
            f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off",
            "start",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        cwd="/",
    )
    try:
        yield f"postgres://roundtable@127.0.0.1:{port}/postgres"
    finally:
        say("Stopping PostgreSQL")
        subprocess.run(
            [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
            stdout=subprocess.DEVNULL,
            cwd="/",
        )
        shutil.rmtree(folder, ignore_errors=True)


def port_number(text: str) -> int:
    """A TCP port from --port or ROUNDTABLE_PORT; anything else is a usage error."""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number (1-65535): {text!r}")
    return int(text)


def demo_database() -> Path:
    data = Path(os.environ.get("ROUNDTABLE_DATA_DIR") or ROOT / "var")
    return data / "roundtable.sqlite3"


def cmd_demo(args: argparse.Namespace) -> int:
    ensure_venv()
    ensure_pdf()
    compile_messages()
    database = demo_database()
    if args.fresh:
        say(f"Starting afresh: removing {database}")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    say("Applying migrations (SQLite)")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    manage("migrate", "--no-input", "-v", "0", env=env)
    say("Loading demo data")
    try:
        manage("demo", env=env)
    except subprocess.CalledProcessError:
        sys.exit(
            f"The demo data could not be loaded into {database} (see the message above). "
            "If that database holds data from an earlier version of the demo, start afresh: "
            "python3 dev.py demo --fresh"
        )
    if args.no_serve:
        return 0
    port = args.port
    say(f"Serving the demo at http://127.0.0.1:{port} (Ctrl-C stops)")
    # The production stack (uvicorn, ASGI, so live pages stream), in one process for the demo;
    # DEBUG off unless ROUNDTABLE_DEBUG=1 (docs/running.md).
    proc = subprocess.Popen(
        [str(PY), "-m", "roundtable.cli", "serve", "--port", str(port), "--workers", "1"],
        cwd=ROOT,
        env=env,
    )
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.send_signal(signal.SIGINT)
        return proc.wait()


# pytest's last line: "=== 12 passed in 3.4s ===", or "12 passed in 3.4s" with -q.
SUMMARY = re.compile(r"^(?:=+ )?(\d.*(passed|failed|error).*) in [\d.]+s", re.MULTILINE)


def pytest_start(label: str, env: dict[str, str], extra: list[str], log: Path | None) -> Popen[str]:
    """Start pytest; its output goes to `log` when given (a run beside another), else here."""
    say(f"Test suite on {label}" + (f" (beside the other, output in {log})" if log else ""))
    return subprocess.Popen(
        [str(PY), "-m", "pytest", "-p", "no:cacheprovider", *extra],
        cwd=ROOT,
        env=env,
        stdout=log.open("w") if log else subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def pytest_finish(proc: Popen[str], log: Path | None) -> tuple[int, str]:
    """Wait for a run started by pytest_start, echoing its output, and read pytest's summary."""
    if log is None:
        out = []
        for line in proc.stdout or ():
            sys.stdout.write(line)
            out.append(line)
        text = "".join(out)
    else:
        with log.open() as follow:
            while proc.poll() is None:
                sys.stdout.write(follow.read())
                sys.stdout.flush()
                time.sleep(1)
            sys.stdout.write(follow.read())
        text = log.read_text()
    code = proc.wait()
    found = SUMMARY.findall(text)
    summary = found[-1][0] if found else "no summary"
    if code == 5:
        summary = "no tests collected"
    return code, summary


def suite_env(env: dict[str, str], label: str, database_url: str | None = None) -> dict[str, str]:
    """Each run keeps its files (secret key, uploads, collected static) in a folder of its own,
    so the two databases' runs can go side by side in one checkout."""
    data = ROOT / "var" / f"test-{label.lower()}"
    data.mkdir(parents=True, exist_ok=True)
    run_env = {**env, "ROUNDTABLE_DATA_DIR": str(data)}
    if database_url:
        # Tests that never open the database ran on SQLite already: the pure core, the rule
        # files, the docs (tests/conftest.py leaves them out of this run).
        run_env.update(DATABASE_URL=database_url, ROUNDTABLE_TEST_DATABASE_ONLY="1")
    return run_env


def serve_smoke(env: dict[str, str]) -> tuple[str, int, str]:
    """tests/smoke/serve_smoke.py: `roundtable serve --workers 2` and `roundtable worker` on the
    throwaway PostgreSQL, real flows over HTTP (docs/running.md, "Smoke through the servers")."""
    say("Smoke through the real servers (roundtable serve, two processes, and roundtable worker)")
    code = subprocess.run(
        [str(PY), str(ROOT / "tests" / "smoke" / "serve_smoke.py"), "--workers", "2"],
        cwd=ROOT,
        env=env,
    ).returncode
    return "Smoke (serve + worker, PostgreSQL)", code, "passed" if code == 0 else "failed (above)"


def static_checks(env: dict[str, str]) -> list[str]:
    say("Static checks: ruff, mypy (the whole package; strict on the pure core), import-linter")
    failures = []
    for name, cmd in [
        ("ruff check", [str(VENV / "bin" / "ruff"), "check", "."]),
        ("ruff format", [str(VENV / "bin" / "ruff"), "format", "--check", "--quiet", "."]),
        ("mypy", [str(VENV / "bin" / "mypy")]),
        ("import-linter", [str(VENV / "bin" / "lint-imports"), "--no-cache"]),
    ]:
        if subprocess.run(cmd, cwd=ROOT, env=env).returncode != 0:
            failures.append(name)
    return failures


def cmd_test(args: argparse.Namespace) -> int:
    ensure_venv()
    ensure_chromium()
    ensure_axe()
    ensure_pdf(tests=True)
    compile_messages()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    failures: list[str] = []
    results: list[tuple[str, int, str]] = []
    # The whole suite on both databases: PostgreSQL's run goes beside the checks and SQLite's
    # (two cores halve the wall time; `--serial` runs one after the other).
    beside = args.db == "all" and not args.serial
    with postgresql() if args.db in ("all", "postgresql") else nullcontext("") as url:
        pg: Popen[str] | None = None
        pg_log = ROOT / "var" / "test-postgresql.log" if beside else None
        if url and beside:
            pg = pytest_start(
                "PostgreSQL", suite_env(env, "PostgreSQL", url), args.pytest_args, pg_log
            )
        if not args.no_lint:
            failures += static_checks(env)
        if args.db in ("all", "sqlite"):
            proc = pytest_start("SQLite", suite_env(env, "SQLite"), args.pytest_args, None)
            results.append(("SQLite", *pytest_finish(proc, None)))
        if url:
            if pg is None:
                pg = pytest_start(
                    "PostgreSQL", suite_env(env, "PostgreSQL", url), args.pytest_args, None
                )
            else:
                say("Test suite on PostgreSQL (its output so far, then as it comes)")
            results.append(("PostgreSQL", *pytest_finish(pg, pg_log)))
            # The smoke through the real servers goes with the whole suite (or --smoke), not
            # with a targeted run: it takes a minute or two.
            if not args.no_smoke and (args.smoke or not args.pytest_args):
                results.append(serve_smoke({**env, "DATABASE_URL": url}))
    print()
    say("Summary")
    for name in failures:
        print(f"  FAILED  {name}")
    for label, code, summary in results:
        # pytest exits 5 when it collected nothing: that is a failure here, never green.
        print(f"  {'ok    ' if code == 0 else 'FAILED'}  {label}: {summary}")
    ok = not failures and all(code == 0 for _, code, _ in results)
    return 0 if ok else 1


def main() -> int:
    ensure_python()
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="Set up and serve the demo on SQLite.")
    demo.add_argument("--no-serve", action="store_true", help="Set up, load data, do not serve.")
    demo.add_argument(
        "--fresh", action="store_true", help="Delete the demo's SQLite database first."
    )
    demo.add_argument(
        "--port",
        type=port_number,
        default=os.environ.get("ROUNDTABLE_PORT") or "8000",
        help="Port of the demo server (default: ROUNDTABLE_PORT, else 8000).",
    )
    test = sub.add_parser("test", help="Set up and run every check and the whole suite.")
    test.add_argument("--db", choices=["all", "sqlite", "postgresql"], default="all")
    test.add_argument("--no-lint", action="store_true", help="Skip ruff, mypy, import-linter.")
    test.add_argument(
        "--serial",
        action="store_true",
        help="Run the two databases' suites one after the other, not side by side.",
    )
    test.add_argument(
        "--smoke",
        action="store_true",
        help="Run the smoke through the real servers even with pytest arguments.",
    )
    test.add_argument(
        "--no-smoke", action="store_true", help="Skip the smoke through the real servers."
    )
    test.add_argument("pytest_args", nargs="*", help="Passed to pytest (after --).")
    args = parser.parse_args()
    return cmd_demo(args) if args.command == "demo" else cmd_test(args)


if __name__ == "__main__":
    sys.exit(main())
