"""Bytes to text for real mail: declared charsets are often wrong or missing."""

from __future__ import annotations

import codecs
import re
from email.header import decode_header

LATIN1 = {"iso-8859-1", "iso8859-1", "iso_8859-1", "latin-1", "latin1", "l1", "cp819", "8859-1"}
UNDECLARED = {
    "", "unknown-8bit", "x-unknown", "unknown", "default", "us-ascii", "ascii", "x-user-defined",
    "charset", "none", "8bit", "iso-8859-1-windows-3.1-latin-1",
}  # fmt: skip
ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "euc-cn": "gb18030",
    "gb_2312-80": "gb18030", "cn-gb": "gb18030", "ks_c_5601-1987": "cp949", "x-sjis": "shift_jis",
    "windows-874": "cp874", "x-mac-roman": "mac_roman", "utf8": "utf-8",
}  # fmt: skip
C1 = re.compile(rb"[\x80-\x9f]")
ENCODED_WORD = "=?"


def decode_bytes(data: bytes, declared: str | None) -> str:
    """Decode with the declared charset when it fits; otherwise UTF-8, then windows-1252.

    Latin-1 labels over bytes in 0x80-0x9F mean windows-1252 (those are control characters in
    Latin-1 and curly quotes in windows-1252)."""
    if not data:
        return ""
    name = (declared or "").strip().strip("\"'").lower()
    name = ALIASES.get(name, name)
    if name in UNDECLARED or data.isascii():
        if data.isascii():
            return data.decode("ascii")
        return _guess(data)
    if name in LATIN1 or name == "iso-8859-15" and C1.search(data):
        if C1.search(data):
            return data.decode("cp1252", errors="replace")
        return data.decode("latin-1")
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return _guess(data)
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return _guess(data)


def _guess(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def unfold(value: str) -> str:
    return re.sub(r"\r?\n[ \t]*", " ", value)


def decode_header_value(value: object) -> str:
    """A header as stored by the compat32 parser (str with surrogate escapes for 8-bit bytes,
    or a Header object) to text, RFC 2047 encoded words decoded."""
    text = str(value) if not isinstance(value, str) else value
    if not text.isascii() and any("\udc80" <= ch <= "\udcff" for ch in text):
        text = decode_bytes(text.encode("ascii", "surrogateescape"), None)
    if "\n" in text:
        text = unfold(text)
    text = text.strip()
    if ENCODED_WORD not in text:
        return text
    try:
        chunks = decode_header(text)
    except Exception:  # noqa: BLE001 - a broken encoded word: keep the header as written
        return text
    out: list[str] = []
    for chunk, charset in chunks:
        if isinstance(chunk, bytes):
            out.append(decode_bytes(chunk, charset))
        else:
            out.append(chunk)
    return "".join(out).strip()
