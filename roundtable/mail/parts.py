"""Split a message body into what is new (text), what is quoted, the signature and the list
footer, so pages show the new part and collapse the rest.

A footer is the list's footer *block* (Mailman's rule followed by "<name> mailing list" and
its address lines, or a block learned from the list), never any rule line on its own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from .records import Block

QUOTE = re.compile(r"^\s{0,3}>")
QUOTE_PREFIX = re.compile(r"^(?:\s{0,3}> ?)+")
FOOTER_RULE = re.compile(r"^(?:\s{0,3}> ?)*_{20,}\s*$")
FOOTER_TITLE = re.compile(r"^(?:\s{0,3}> ?)*\S.{0,80} mailing list\s*$", re.IGNORECASE)
ATTRIBUTION = re.compile(
    r"(?:wrote|writes|said|schrieb|escribió|a écrit|ha scritto|написал)\s*:\s*$", re.IGNORECASE
)
ON_LINE = re.compile(r"^(?:On|Le|Am|El|Il)\s.{4,}", re.IGNORECASE)
ORIGINAL = re.compile(
    r"^\s*-{2,}\s*(?:Original Message|Forwarded message|Message d'origine|Ursprüngliche Nachricht)"
    r"\s*-{0,}\s*$",
    re.IGNORECASE,
)
HEADER_FROM = re.compile(r"^\s*\*?From:\*?\s+\S", re.IGNORECASE)
HEADER_NEXT = re.compile(r"^\s*\*?(?:Date|Sent|To|Subject|Cc):\*?\s", re.IGNORECASE)
SIGNATURE = re.compile(r"^-- ?$")
MAX_SIGNATURE = 20


def _footer_lines(lines: list[str], footers: Iterable[str]) -> set[int]:
    marked: set[int] = set()
    for number, line in enumerate(lines):
        if "__" not in line:
            continue
        if (
            FOOTER_RULE.match(line)
            and number + 1 < len(lines)
            and FOOTER_TITLE.match(lines[number + 1])
        ):
            marked.update((number, number + 1))
            follow = number + 2
            while follow < len(lines) and follow <= number + 5:
                stripped = QUOTE_PREFIX.sub("", lines[follow]).strip()
                if not stripped or " " in stripped:
                    break
                marked.add(follow)
                follow += 1
    for footer in footers:
        wanted = [line.rstrip() for line in footer.strip("\n").split("\n")]
        if not wanted or not wanted[0].strip():
            continue
        width = len(wanted)
        bare = [QUOTE_PREFIX.sub("", line).rstrip() for line in lines]
        for number in range(len(lines) - width + 1):
            if bare[number] == wanted[0] and bare[number : number + width] == wanted:
                marked.update(range(number, number + width))
    return marked


def _is_header_block(lines: list[str], number: int) -> bool:
    if not HEADER_FROM.match(lines[number]):
        return False
    following = [line for line in lines[number + 1 : number + 6] if line.strip()]
    return sum(1 for line in following[:4] if HEADER_NEXT.match(line)) >= 2


def split_body(text: str, footers: Iterable[str] = ()) -> tuple[Block, ...]:
    """Blocks of kind 'text', 'quote', 'signature', 'footer', in order."""
    lines = text.replace("\r\n", "\n").split("\n")
    kinds: list[str | None] = [None] * len(lines)
    for number in _footer_lines(lines, footers):
        kinds[number] = "footer"
    # Top-posted replies: everything after an "Original Message" rule or a forwarded header
    # block is the quoted thread.
    for number, line in enumerate(lines):
        if kinds[number] is not None or "-" not in line and ":" not in line:
            continue
        if QUOTE.match(line):
            continue
        if ORIGINAL.match(line) or _is_header_block(lines, number):
            for rest in range(number, len(lines)):
                if kinds[rest] is None:
                    kinds[rest] = "quote"
            break
    for number, line in enumerate(lines):
        if kinds[number] is None and QUOTE.match(line):
            kinds[number] = "quote"
    # Attribution lines ("On ..., X wrote:") lead into the quote that follows.
    for number, line in enumerate(lines):
        if kinds[number] is not None or ":" not in line or not ATTRIBUTION.search(line):
            continue
        after = next((kinds[k] for k in range(number + 1, len(lines)) if lines[k].strip()), None)
        if after == "quote":
            kinds[number] = "quote"
            if number and kinds[number - 1] is None and ON_LINE.match(lines[number - 1]):
                kinds[number - 1] = "quote"
    # Signature: from a "-- " line to the next quote or footer, when short.
    for number, line in enumerate(lines):
        if kinds[number] is None and line.startswith("--") and SIGNATURE.match(line):
            end = number + 1
            while end < len(lines) and kinds[end] is None:
                end += 1
            if end - number <= MAX_SIGNATURE + 1:
                for inside in range(number, end):
                    kinds[inside] = "signature"
            break
    return _blocks(lines, kinds)


def _blocks(lines: list[str], kinds: list[str | None]) -> tuple[Block, ...]:
    # For each line, the kind of the next non-blank line (one backward pass, no rescans).
    following: list[str | None] = [None] * len(lines)
    upcoming: str | None = None
    for number in range(len(lines) - 1, -1, -1):
        following[number] = upcoming
        if lines[number].strip():
            upcoming = kinds[number] or "text"
    resolved: list[str] = []
    before: str | None = None
    for number, line in enumerate(lines):
        kind = kinds[number]
        if kind is None and not line.strip():
            after = following[number]
            resolved.append(before if before is not None and before == after else "blank")
            continue
        kind = kind or "text"
        resolved.append(kind)
        before = kind
    blocks: list[Block] = []
    current: list[str] = []
    current_kind = ""
    for line, kind in zip(lines, resolved, strict=True):
        if kind == "blank":
            current.append(line)
            continue
        if kind != current_kind and current_kind:
            blocks.append(Block(current_kind, "\n".join(current).strip("\n")))
            current = []
        current_kind = kind
        current.append(line)
    if current_kind:
        blocks.append(Block(current_kind, "\n".join(current).strip("\n")))
    merged: list[Block] = []
    for block in blocks:
        if not block.text.replace(">", "").strip():
            continue
        if merged and merged[-1].kind == block.kind:
            merged[-1] = Block(block.kind, merged[-1].text + "\n\n" + block.text)
        else:
            merged.append(block)
    return tuple(merged)


def own_text(blocks: Iterable[Block]) -> str:
    return "\n\n".join(block.text for block in blocks if block.kind == "text")


def trailing_block(text: str) -> str | None:
    """The block after the last rule line near the end of a body (a footer candidate)."""
    lines = text.rstrip("\n").split("\n")[-8:]
    for number in range(len(lines) - 1, -1, -1):
        line = lines[number].strip()
        if len(line) >= 5 and len(set(line)) == 1 and line[0] in "_-=*~#":
            block = "\n".join(item.rstrip() for item in lines[number:])
            return block if number < len(lines) - 1 else None
    return None


def learn_footers(counts: Counter[str], total: int, *, minimum: int = 5) -> tuple[str, ...]:
    """Trailing blocks seen at the end of many messages of a list are its footer."""
    threshold = max(minimum, total // 4)
    return tuple(sorted(block for block, seen in counts.items() if seen >= threshold))
