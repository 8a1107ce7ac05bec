from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from roundtable.mail import readers
from roundtable.mail.normalise import normalise_id, parse
from roundtable.mail.records import ParsedMessage, Quarantined, RawMessage


def msg(data: bytes, **kw) -> ParsedMessage:
    result = parse(RawMessage(data=data, source="t", index=0, format=kw.pop("format", "eml"), **kw))
    assert isinstance(result, ParsedMessage), result
    return result


def test_windows_1252_mislabelled_as_latin1() -> None:
    m = msg(
        b"From: a@x\nContent-Type: text/plain; charset=iso-8859-1\n\n\x93quoted\x94 \x80 caf\xe9\n"
    )
    assert m.text.strip() == "\u201cquoted\u201d \u20ac caf\u00e9"


def test_unknown_8bit_and_undeclared_8bit() -> None:
    assert (
        msg(
            b"From: a@x\nContent-Type: text/plain; charset=unknown-8bit\n\ncaf\xc3\xa9\n"
        ).text.strip()
        == "caf\u00e9"
    )
    assert msg(b"From: a@x\n\ncaf\xe9\n").text.strip() == "caf\u00e9"


def test_koi8r_and_gb2312() -> None:
    text = "\u041f\u0440\u0438\u0432\u0435\u0442"
    m = msg(b"From: a@x\nContent-Type: text/plain; charset=koi8-r\n\n" + text.encode("koi8-r"))
    assert m.text.strip() == text
    chinese = "\u4f60\u597d"
    m = msg(b"From: a@x\nContent-Type: text/plain; charset=gb2312\n\n" + chinese.encode("gb2312"))
    assert m.text.strip() == chinese


def test_rfc2047_headers_and_unknown_charset_label() -> None:
    m = msg(b"From: =?ISO-8859-15?Q?J=E4rvinen?= <j@x>\nSubject: =?utf-8?b?8J+Uk0pvZQ==?=\n\nx\n")
    assert m.from_name == "J\u00e4rvinen"
    assert m.subject == "\U0001f513Joe"
    m = msg(b"From: a@x\nContent-Type: text/plain; charset=x-no-such-charset\n\ncaf\xe9\n")
    assert m.text.strip() == "caf\u00e9"


def test_dates_fall_back_from_bad_zone_to_received_then_envelope() -> None:
    good = msg(b"From: a@x\nDate: Wed, 10 Dec 2003 22:57:05 -0700\n\nx\n")
    assert good.date == datetime(2003, 12, 11, 5, 57, 5, tzinfo=UTC) and good.date_source == "date"
    via_received = msg(
        b"Received: from h by h2; Thu, 11 Dec 2003 06:00:00 +0000\nFrom: a@x\n"
        b"Date: Wed, 10 Dec 2003 22:57:05 +9900\n\nx\n"
    )
    assert via_received.date_source == "received"
    assert via_received.date == datetime(2003, 12, 11, 6, 0, tzinfo=UTC)
    via_envelope = msg(
        b"From: a@x\nDate: yesterday-ish\n\nx\n", envelope="From a@x  Tue Nov  1 22:38:47 2005"
    )
    assert via_envelope.date_source == "envelope"
    assert via_envelope.date == datetime(2005, 11, 1, 22, 38, 47, tzinfo=UTC)
    assert msg(b"From: a@x\nDate: nonsense\n\nx\n").date is None


def test_message_ids() -> None:
    assert normalise_id("<abc@x>") == "abc@x"
    assert normalise_id("  <abc@\n x>  (comment)") == "abc@x"
    assert normalise_id("abc@x") == "abc@x"
    assert normalise_id("<>") is None
    assert normalise_id("") is None
    long_id = normalise_id("<" + "0" * 1000 + "@x>")
    assert long_id is not None and len(long_id) < 100
    assert long_id == normalise_id("<" + "0" * 1000 + "@x>")
    one = msg(b"From: a@x\nSubject: s\n\nbody\n")
    two = msg(b"From: a@x\nSubject: s\nMessage-ID: \n\nbody\n")
    assert one.message_id_generated and one.message_id == two.message_id
    assert msg(b"From: a@x\nSubject: s\n\nother body\n").message_id != one.message_id


def test_references_parent_last() -> None:
    m = msg(
        b"From: a@x\nReferences: <1@x>\n <2@x>\nIn-Reply-To: <3@x> (from a@x)\nMessage-ID: <4@x>\n\nb\n"
    )
    assert m.references == ("1@x", "2@x", "3@x")


def test_html_only_becomes_safe_text_and_attachments_are_capped() -> None:
    data = (
        b"From: a@x\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B\n\n--B\n"
        b"Content-Type: text/html\n\n<p>Hello <script>alert(1)</script><b>world</b></p>\n--B\n"
        b"Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=big.bin\n"
        b"Content-Transfer-Encoding: base64\n\n" + b"QUFB" * 100 + b"\n--B--\n"
    )
    result = parse(RawMessage(data=data, source="t", index=0, format="eml"), attachment_cap=10)
    assert isinstance(result, ParsedMessage)
    assert result.text.strip() == "Hello world"
    [attachment] = result.attachments
    assert (attachment.filename, attachment.size, len(attachment.data), attachment.truncated) == (
        "big.bin",
        300,
        10,
        True,
    )


def test_pipermail_addresses_and_scrubbed_notes() -> None:
    data = (
        b"From: robbyd at u20.org (Robby Dermody)\nDate: Tue Nov  1 22:38:04 2005\nSubject: s\n\nHi\n"
        b"-------------- next part --------------\nAn HTML attachment was scrubbed...\n"
        b"URL: http://example.org/pipermail/l/attachments/20051101/abc/attachment.htm\n"
    )
    m = msg(data, format="pipermail")
    assert (m.from_name, m.from_addr) == ("Robby Dermody", "robbyd@u20.org")
    assert m.text.strip() == "Hi"
    assert [a.filename for a in m.attachments] == ["attachment.htm"]


def test_no_headers_is_quarantined_with_reason() -> None:
    result = parse(
        RawMessage(data=b"Hello,\n\nno headers here\n", source="t", index=0, format="eml")
    )
    assert isinstance(result, Quarantined) and "no mail headers" in result.reason
    assert result.raw == b"Hello,\n\nno headers here\n"


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600), st.sampled_from(["eml", "mbox", "pipermail", "headed"]))
def test_parse_never_raises(data: bytes, fmt: str) -> None:
    prefix = b'From: a@x\nContent-Type: multipart/mixed; boundary="q"\nDate: '
    for candidate in (data, prefix + data):
        result = parse(RawMessage(data=candidate, source="t", index=0, format=fmt))
        assert isinstance(result, ParsedMessage | Quarantined)
        if isinstance(result, Quarantined):
            assert result.reason and result.raw == candidate


def test_every_ietf_fixture_parses_or_is_quarantined_with_reason(ietf_fixtures: Path) -> None:
    seen = 0
    for path, kind in readers.expand([str(ietf_fixtures)]):
        for raw in readers.read(path, kind):
            result = parse(raw)
            seen += 1
            if isinstance(result, Quarantined):
                assert result.reason and result.raw == raw.data
            else:
                assert result.message_id and result.content_hash
    assert seen >= len(list(ietf_fixtures.iterdir())) - 1


def test_ietf_specifics(ietf_fixtures: Path) -> None:
    def one(name: str) -> ParsedMessage:
        path = ietf_fixtures / name
        [raw] = list(readers.read(path, readers.detect_format(path)))
        return msg(raw.data, format=raw.format, envelope=raw.envelope)

    assert "\u201cquoted term\u201d" in one("windows1252.mail").text
    assert one("mail_long_messageid.1").message_id.endswith("@long-id.roundtable.invalid")
    assert one("attachment_folded_name.mail").attachments[0].filename.startswith("this_is_a")
    assert one("mail_html_unsafe.1").text.strip()
