"""Import bounds: a message over the size limit is cut (its real size noted), a body over the
body limit is also kept as a truncated attachment, a gzip bomb stops expanding at its limit
with a quarantine record, and a file without newlines is read in pieces."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from roundtable.mail import readers
from roundtable.mail.limits import CappedReader, Limits, lines
from roundtable.mail.normalise import parse
from roundtable.mail.records import ParsedMessage, Quarantined

HEAD = (
    "From alice@example.org Tue Nov  1 22:38:47 2005\n"
    "From: Alice <alice@example.org>\nDate: Tue, 1 Nov 2005 22:38:04 +0000\n"
    "Subject: {subject}\nMessage-ID: <{ident}@example.org>\n\n"
)


def message(ident: str, body: str) -> bytes:
    return (HEAD.format(subject=f"s{ident}", ident=ident) + body + "\n").encode()


def test_a_message_over_the_size_limit_is_cut_and_the_next_one_is_whole(tmp_path: Path) -> None:
    big = "line of a very long message\n" * 4000  # about 112 kB
    path = tmp_path / "list.mbox"
    path.write_bytes(message("1", big) + message("2", "short and whole"))
    limits = Limits(message_bytes=20_000, body_chars=5_000, attachment_bytes=2_000)
    raws = list(readers.read(path, "mbox", limits))
    assert len(raws) == 2
    assert len(raws[0].data) == 20_000 and raws[0].size is not None and raws[0].size > 100_000
    assert raws[1].dropped == 0 and raws[1].data.endswith(b"short and whole\n")

    parsed = parse(raws[0], attachment_cap=2_000, body_chars=5_000)
    assert isinstance(parsed, ParsedMessage)
    assert len(parsed.text) <= 5_001
    assert any("message size limit" in note and str(raws[0].size) in note for note in parsed.notes)
    (body,) = parsed.attachments
    assert body.filename == "body.txt" and body.truncated and len(body.data) == 2_000
    assert body.size == len(big.encode())  # the real size, beyond what was read
    assert parse(raws[1]).attachments == ()


def test_a_long_body_within_the_message_limit_is_kept_as_a_truncated_attachment() -> None:
    big = "x" * 50_000
    raw = readers.RawMessage(data=message("3", big)[48:], source="t", index=0, format="eml")
    parsed = parse(raw, attachment_cap=10_000, body_chars=1_000)
    assert isinstance(parsed, ParsedMessage)
    assert parsed.text.strip() == "x" * 1_000
    (body,) = parsed.attachments
    assert (body.size, len(body.data), body.truncated) == (50_001, 10_000, True)
    assert any("kept as an attachment" in note for note in parsed.notes)


def test_a_gzip_bomb_stops_at_the_expansion_limit_with_a_quarantine_record(
    tmp_path: Path,
) -> None:
    path = tmp_path / "2005-November.txt.gz"
    with gzip.open(path, "wb") as handle:
        handle.write(message("1", "first"))
        handle.write(message("2", "bomb\n" * 400_000))  # 2 MB of body
    assert path.stat().st_size < 50_000
    limits = Limits(expanded_bytes=100_000, message_bytes=1_000_000)
    raws = list(readers.read(path, "mbox", limits))
    assert [raw.format for raw in raws] == ["mbox", "mbox", "limit"]
    assert raws[0].notes == () and b"first" in raws[0].data
    assert "expansion limit" in raws[1].notes[0] and len(raws[1].data) < 100_000
    held = parse(raws[2])
    assert isinstance(held, Quarantined)
    assert "expands past 100000 bytes" in held.reason and "not imported" in held.reason
    assert held.raw == path.read_bytes()  # the compressed file itself: nothing lost


def test_a_gzipped_single_message_is_bounded_too(tmp_path: Path) -> None:
    path = tmp_path / "one.eml.gz"
    with gzip.open(path, "wb") as handle:
        handle.write(message("9", "y" * 300_000)[48:])
    limits = Limits(expanded_bytes=10**9, message_bytes=50_000)
    (raw,) = list(readers.read(path, "eml", limits))
    assert len(raw.data) == 50_000 and raw.size == len(message("9", "y" * 300_000)[48:])
    bombed = list(readers.read(path, "eml", Limits(expanded_bytes=60_000, message_bytes=50_000)))
    assert [item.format for item in bombed] == ["eml", "limit"]


def test_a_file_without_newlines_is_read_in_pieces_and_never_split_inside_a_line() -> None:
    long_line = b"x" * (65_536 - 4) + b"From bob@example.org Tue Nov  1 22:38:47 2005\n"
    data = message("1", "a") + long_line + b"From: b@example.org\n\nbody\n"
    pieces = list(lines(io.BytesIO(data)))
    assert max(len(piece) for piece in pieces) <= 65_536
    raws = list(readers.read_mbox(io.BytesIO(data), source="t"))
    assert len(raws) == 1  # the envelope-shaped tail of a long line is not a separator


def test_the_capped_reader_says_when_more_was_there() -> None:
    reader = CappedReader(io.BytesIO(b"a\n" * 10), 6)
    assert b"".join(lines(reader)) == b"a\na\na\n" and reader.overflowed
    exact = CappedReader(io.BytesIO(b"a\n" * 3), 6)
    assert b"".join(lines(exact)) == b"a\na\na\n" and not exact.overflowed


def test_a_compressed_file_too_big_to_keep_is_named_in_its_record(tmp_path: Path) -> None:
    path = tmp_path / "big.mbox.gz"
    with gzip.open(path, "wb") as handle:
        handle.write(message("1", "z\n" * 200_000))
    limits = Limits(expanded_bytes=50_000, message_bytes=100)
    *_messages, record = list(readers.read(path, "mbox", limits))
    held = parse(record)
    assert isinstance(held, Quarantined)
    assert str(path) in held.reason and held.raw == held.reason.encode()
