from __future__ import annotations

import gzip
import io
import re
from pathlib import Path

from roundtable.mail import readers
from roundtable.mail.readers import detect_format, read, read_headed, read_mbox, read_mmdf

PIPERMAIL = b"""From alice at example.org  Tue Nov  1 22:38:47 2005
From: alice at example.org (Alice)
Date: Tue Nov  1 22:38:04 2005
Subject: [L] first
Message-ID: <1@example.org>

Hello.
From the start, this line is body text (unescaped From_).
From bob at example.org  Tue Nov  1 23:00:00 2005
From: bob at example.org (Bob)
Date: Tue Nov  1 23:00:00 2005
Subject: Re: [L] first
In-Reply-To: <1@example.org>
Message-ID: <2@example.org>

Reply right after the body, no blank line before the separator.
"""


def _raws(data: bytes, reader=read_mbox):
    return list(reader(io.BytesIO(data), source="test"))


def test_pipermail_separators_need_the_shape_and_a_header(tmp_path: Path) -> None:
    path = tmp_path / "2005-November.txt"
    path.write_bytes(PIPERMAIL)
    assert detect_format(path) == "pipermail"
    raws = list(read(path, "pipermail"))
    assert len(raws) == 2
    assert b"From the start, this line is body text" in raws[0].data
    assert raws[1].data.startswith(b"From: bob at example.org")
    assert raws[0].envelope is not None and raws[0].envelope.startswith("From alice at")


def test_pipermail_gzip_is_read_streaming(tmp_path: Path) -> None:
    path = tmp_path / "2005-November.txt.gz"
    path.write_bytes(gzip.compress(PIPERMAIL))
    assert detect_format(path) == "pipermail"
    assert [r.index for r in read(path, "pipermail")] == [0, 1]


def test_mboxrd_unescapes_one_level() -> None:
    data = (
        b"From a@example.org Mon Jan  1 00:00:00 2001\nFrom: a@example.org\nSubject: x\n\n"
        b">From here\n>>From there\nFrom nowhere in particular\n\n"
        b"From b@example.org Mon Jan  1 00:00:01 2001\nFrom: b@example.org\n\nbody\n"
    )
    raws = _raws(data)
    assert len(raws) == 2
    assert b"\nFrom here\n>From there\nFrom nowhere in particular\n" in raws[0].data
    assert not raws[0].data.endswith(b"\n\n")


def test_mmdf_and_stray_text() -> None:
    data = b"\x01\x01\x01\x01\nFrom: a@x\nSubject: one\n\nbody\n\x01\x01\x01\x01\n\x01\x01\x01\x01\nFrom: b@x\n\nb\n\x01\x01\x01\x01\n"
    raws = list(read_mmdf(io.BytesIO(data), source="t"))
    assert [r.data.split(b"\n")[0] for r in raws] == [b"From: a@x", b"From: b@x"]


def test_headed_mailbox_does_not_split_inside_multipart() -> None:
    data = (
        b"To: l@x\nFrom: a@x\nContent-Type: multipart/mixed; boundary=BB\n\n--BB\n\n"
        b"To: inner@x\nFrom: inner@x\n\n--BB--\n\nTo: l@x\nFrom: b@x\nSubject: two\n\nbody\n"
    )
    raws = list(read_headed(io.BytesIO(data), source="t"))
    assert len(raws) == 2
    assert b"inner@x" in raws[0].data
    assert raws[1].data.startswith(b"To: l@x\nFrom: b@x")


def test_maildir(tmp_path: Path) -> None:
    for sub in ("cur", "new", "tmp"):
        (tmp_path / sub).mkdir()
    (tmp_path / "cur" / "1.host:2,S").write_bytes(b"From: a@x\nSubject: 1\n\none\n")
    (tmp_path / "new" / "2.host").write_bytes(b"From: b@x\nSubject: 2\n\ntwo\n")
    assert detect_format(tmp_path) == "maildir"
    assert [r.data.split(b"\n")[1] for r in read(tmp_path, "maildir")] == [
        b"Subject: 1",
        b"Subject: 2",
    ]


def test_every_ietf_fixture_has_a_format(ietf_fixtures: Path) -> None:
    kinds = {path.name: kind for path, kind in readers.expand([str(ietf_fixtures)])}
    assert "LICENSE.BSD-3-IETF-Trust.txt" not in kinds
    assert kinds["mailbox_mmdf"] == "mmdf"
    assert kinds["mailbox_mbox"] == "mbox"
    assert kinds["mailbox_to"] == "headed"
    assert kinds["encoded_word.mail"] == "eml"
    # Every file but the licence is taken.
    others = {p.name for p in ietf_fixtures.iterdir() if not p.name.startswith("LICENSE")}
    assert set(kinds) == others


def test_legacy_headed_mailboxes_split_into_messages(ietf_fixtures: Path) -> None:
    for name in ("mailbox_to", "mailbox_year", "mailbox-x-envelope-from", "mailbox_return-path"):
        path = ietf_fixtures / name
        raws = list(read(path, detect_format(path)))
        text = path.read_bytes().replace(b"\r\n", b"\n").lstrip(b"\n")
        # Independent count: message starts are the lines that follow a blank line and begin
        # with the file's first header (or year), and are followed by a header line.
        first = text.split(b"\n", 1)[0]
        key = first if re.fullmatch(rb"\d{4}", first) else first.split(b":")[0] + b":"
        starts = re.findall(rb"(?:^|\n\n)" + re.escape(key) + rb".*\n[\w-]+:", text)
        assert len(raws) == len(starts) > 1, name


def test_twisted_web_reader_finds_every_pipermail_message(twisted_web: Path) -> None:
    sources = list(readers.expand([str(twisted_web)]))
    assert all(kind == "pipermail" for _p, kind in sources)
    assert len(sources) == len(list(twisted_web.glob("*.txt")))
    read_count = sum(1 for path, kind in sources for _ in read(path, kind))
    # Independent count: Pipermail always writes the From: header right after a separator.
    envelope = re.compile(
        rb"^From \S+(?: at \S+)?  ?\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\n(?=From: )", re.M
    )
    expected = sum(len(envelope.findall(p.read_bytes())) for p in twisted_web.glob("*.txt"))
    assert read_count == expected
    assert read_count > 5000
