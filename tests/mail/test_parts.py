from __future__ import annotations

from pathlib import Path

from roundtable.mail import normalise, readers
from roundtable.mail.parts import learn_footers, own_text, split_body, trailing_block
from roundtable.mail.records import ParsedMessage

FOOTER = (
    "_______________________________________________\n"
    "Twisted-web mailing list\n"
    "Twisted-web@twistedmatrix.com\n"
    "http://twistedmatrix.com/cgi-bin/mailman/listinfo/twisted-web\n"
)


def kinds(text: str, footers: tuple[str, ...] = ()) -> list[str]:
    return [b.kind for b in split_body(text, footers)]


def test_interleaved_quotes_attribution_signature_and_footer() -> None:
    text = (
        "On Oct 27, 2005, at 1:50 PM, Robby wrote:\n> a question\n> more\n\nMy answer.\n\n"
        "> another point\n\nSecond answer.\n-- \nJames\nhttp://example.org\n" + FOOTER
    )
    blocks = split_body(text)
    assert [b.kind for b in blocks] == ["quote", "text", "quote", "text", "signature", "footer"]
    assert own_text(blocks) == "My answer.\n\nSecond answer."


def test_a_rule_line_alone_is_not_a_footer() -> None:
    text = "Table:\n_______________________________________________\nrow one\nrow two\n"
    assert kinds(text) == ["text"]


def test_learned_footer_blocks() -> None:
    footer = "----------\nSent via the XYZ list. Unsubscribe: xyz-leave@example.org"
    texts = [f"Message {n}\n\n{footer}\n" for n in range(10)]
    counts: dict[str, int] = {}
    for text in texts:
        block = trailing_block(text)
        assert block is not None
        counts[block] = counts.get(block, 0) + 1
    from collections import Counter

    learned = learn_footers(Counter(counts), len(texts))
    assert learned == (footer,)
    assert kinds(texts[0], learned) == ["text", "footer"]
    assert kinds("Message\n----------\nnot the footer\n", learned) == ["text"]


def test_top_posting_with_outlook_header_block() -> None:
    text = (
        "Agreed, see below.\n\nBill\n\n-----Original Message-----\nFrom: A <a@x>\n"
        "Sent: Monday\nTo: list\nSubject: topic\n\nOriginal text\n"
    )
    blocks = split_body(text)
    assert [b.kind for b in blocks] == ["text", "quote"]
    assert own_text(blocks) == "Agreed, see below.\n\nBill"


def test_seed_message_bill_reply(seed_file: Path) -> None:
    [raw] = list(readers.read(seed_file, readers.detect_format(seed_file)))
    message = normalise.parse(raw)
    assert isinstance(message, ParsedMessage)
    assert message.subject == "Re: [Mmwg] Update on upcoming IGF consultations"
    blocks = split_body(message.text)
    own = own_text(blocks)
    assert own.startswith("Hi Bertrand,") and own.rstrip().endswith("Bill")
    assert "Bertrand de La Chapelle" not in own and "mailing list" not in own
    quoted = "\n".join(b.text for b in blocks if b.kind == "quote")
    assert "Plans are currently being made" in quoted and "Thanks Avri for the reminder" in quoted
    footers = [b for b in blocks if b.kind == "footer"]
    assert footers and all("mmwg mailing list" in b.text for b in footers)
    assert "mmwg mailing list" not in quoted
