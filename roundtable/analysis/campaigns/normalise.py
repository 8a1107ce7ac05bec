"""What two comments share once case, Unicode forms, punctuation and spacing are set aside.

The grouping reads words as bytes (`normal_bytes`, then `words.hash_words` in numpy): a Python
object per word cost more than everything else together (docs/campaigns.md). A word is a run of
ASCII letters, digits or underscores, or of any non-ASCII character except the punctuation and
space blocks listed in `words`; ASCII and Latin-1 letters are lower-cased (NFKC first where the text is not ASCII).
"""

from __future__ import annotations

import re
import unicodedata

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n(?=\S)")
_WORD = re.compile(r"\w+")


def normal_bytes(text: str) -> bytes:
    """`text` NFKC-normalised, as UTF-8 (`words` lowers ASCII and Latin-1 letters in bulk:
    `str.lower` on every text cost a third of the time)."""
    if text.isascii():
        return text.encode("ascii")
    return unicodedata.normalize("NFKC", text).encode("utf-8")


def sentences(text: str) -> list[str]:
    """The non-empty sentences of `text`, as written (stripped)."""
    return [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]


def sentence_key(sentence: str) -> str:
    """A sentence's normalised form: two spellings of one sentence share it."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", sentence).lower()))
