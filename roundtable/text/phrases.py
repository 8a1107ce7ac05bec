"""A typed wrapper around diff-match-patch: a word-level diff grouped into phrases.

diff-match-patch's ``diff_cleanupSemantic`` folds runs of small equalities into the changes
around them, so ``The World`` → ``Replaced by`` reads as one phrase struck and one inserted,
not ``[-The-]{+Replaced+} [-World-]{+by+}``. The diff works on words: each distinct token
(word, run of spaces, mark) is encoded as one character, diffed, cleaned up, and decoded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from diff_match_patch import diff_match_patch

Op = Literal["equal", "insert", "delete"]
_OPS: dict[int, Op] = {0: "equal", 1: "insert", -1: "delete"}
_SURROGATES = range(0xD800, 0xE000)


def _char(index: int) -> str:
    # One code point per distinct token, skipping surrogates (not valid on their own).
    code = 0x100 + index
    if code >= _SURROGATES.start:
        code += len(_SURROGATES)
    return chr(code)


def _encode(a: Sequence[str], b: Sequence[str]) -> tuple[str, str, list[str]]:
    index: dict[str, int] = {}
    table: list[str] = []

    def encode(tokens: Sequence[str]) -> str:
        out: list[str] = []
        for token in tokens:
            if token not in index:
                index[token] = len(table)
                table.append(token)
            out.append(_char(index[token]))
        return "".join(out)

    return encode(a), encode(b), table


def _decode(encoded: str, table: list[str]) -> str:
    out: list[str] = []
    for ch in encoded:
        code = ord(ch)
        if code >= _SURROGATES.stop:
            code -= len(_SURROGATES)
        out.append(table[code - 0x100])
    return "".join(out)


def phrase_diff(a: Sequence[str], b: Sequence[str]) -> list[tuple[Op, str]]:
    """(op, text) pairs turning the tokens ``a`` into ``b``, changes grouped into phrases.

    Deterministic: no time limit (the diff is of words, so it stays small), the same result on
    every machine.
    """
    left, right, table = _encode(a, b)
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    diffs = engine.diff_main(left, right, False)
    engine.diff_cleanupSemantic(diffs)
    result: list[tuple[Op, str]] = []
    for op, encoded in diffs:
        result.append((_OPS[int(op)], _decode(str(encoded), table)))
    return result
