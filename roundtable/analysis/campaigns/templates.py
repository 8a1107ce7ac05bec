"""Each campaign's template (the sentences most members share) and what each member adds.

Sentences are compared by `sentence_key` (case, punctuation and spacing set aside), so a member
that re-punctuates a template sentence still shares it; one with a typo or a swapped word in a
sentence has that sentence as its own addition, which is what a reader wants to see.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from roundtable.analysis.campaigns.normalise import sentence_key, sentences


@dataclass(frozen=True)
class Template:
    """sentences: as first written by a member, in that member's order; members: how many
    texts it was recovered from."""

    sentences: tuple[str, ...]
    members: int

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(sentence_key(s) for s in self.sentences)


class TemplateCounter:
    """Counts, for one campaign, in how many members each sentence occurs (streaming: feed
    members one at a time, then `template`)."""

    def __init__(self) -> None:
        self.members = 0
        self.counts: Counter[str] = Counter()
        self.spelling: dict[str, str] = {}
        self.first_seen: dict[str, int] = {}

    def add(self, text: str) -> None:
        self.members += 1
        seen: set[str] = set()
        for sentence in sentences(text):
            key = sentence_key(sentence)
            if not key or key in seen:
                continue
            seen.add(key)
            self.counts[key] += 1
            if key not in self.spelling:
                self.spelling[key] = sentence
                self.first_seen[key] = len(self.first_seen)

    def template(self, *, share: float = 0.5) -> Template:
        """The sentences found in at least `share` of the members (more than one member)."""
        floor = max(2, share * self.members)
        keys = [k for k, n in self.counts.items() if n >= floor]
        keys.sort(key=self.first_seen.__getitem__)
        return Template(sentences=tuple(self.spelling[k] for k in keys), members=self.members)


def recover_template(texts: Iterable[str], *, share: float = 0.5) -> Template:
    counter = TemplateCounter()
    for text in texts:
        counter.add(text)
    return counter.template(share=share)


def additions(text: str, template: Template) -> list[str]:
    """The sentences of `text` that are not in its campaign's template (its own words)."""
    keys = template.keys
    return [s for s in sentences(text) if sentence_key(s) and sentence_key(s) not in keys]
