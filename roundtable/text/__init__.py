"""Pure core: text structure (paragraphs) and word-level comparison (redlines). No Django.

from roundtable.text import first_version, carry_forward, compare, diff_words

v1 = first_version(source_1)                 # [Paragraph("p1", 1, "..."), ...]
v2 = carry_forward(v1, source_2)             # ids carried where paragraphs match
compare(v1, v2).to_json()                    # per paragraph: status and word runs
"""

from roundtable.text.paragraphs import (
    Paragraph,
    apply_change,
    carry_forward,
    first_version,
    join_blocks,
    next_pid,
    split_blocks,
)
from roundtable.text.redline import (
    ParagraphChange,
    Redline,
    Run,
    compare,
    diff_words,
    render_html,
    render_text,
    tokens,
)

__all__ = [
    "Paragraph",
    "ParagraphChange",
    "Redline",
    "Run",
    "apply_change",
    "carry_forward",
    "compare",
    "diff_words",
    "first_version",
    "join_blocks",
    "next_pid",
    "render_html",
    "render_text",
    "split_blocks",
    "tokens",
]
