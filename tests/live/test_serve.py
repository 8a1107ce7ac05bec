"""`roundtable serve`: uvicorn workers over the ASGI application; static files collected,
compressed and under hashed names cached for ever; DEBUG off unless configured."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from http.client import HTTPConnection
from pathlib import Path

from tests.live.servers import REPO, roundtable_serve


def _get(port: int, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    http = HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        http.request("GET", path, headers=headers)
        response = http.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        http.close()


def test_serve_runs_workers_with_collected_compressed_hashed_static_files(
    _sqlite_file: Path, tmp_path: Path
) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "ROUNDTABLE_DEBUG", "DJANGO_SETTINGS_MODULE")
    }
    env["ROUNDTABLE_DATA_DIR"] = str(_sqlite_file)
    with roundtable_serve(env, workers=2) as served:
        port = served.port
        status, _, page = _get(port, "/")
        assert status == 200
        script = re.search(rb'src="(/static/web/site\.[0-9a-f]{12}\.js)"', page)
        assert script, "static files are named by their content"
        status, headers, body = _get(port, script[1].decode(), **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers["content-encoding"] == "gzip"
        assert "immutable" in headers["cache-control"]
        # DEBUG is off: a missing page is the site's 404, not Django's debugging page.
        status, _, body = _get(port, "/no-such-page/")
        assert status == 404 and b"URLconf" not in body
        # Two worker processes under uvicorn's supervisor (beside multiprocessing's own helper).
        children = Path(f"/proc/{served.pid}/task/{served.pid}/children").read_text().split()
        commands = [Path(f"/proc/{pid}/cmdline").read_bytes() for pid in children]
        assert sum(b"spawn_main" in command for command in commands) == 2
    assert "Warning" not in served.output, served.output


def test_serve_refuses_a_bad_port_or_worker_count() -> None:
    for option in (["--port", "http"], ["--workers", "0"]):
        result = subprocess.run(
            [sys.executable, "-m", "roundtable.cli", "serve", *option],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode != 0 and "not a" in result.stderr
