"""Seeded text of the scale generator (bench/make_scale_data.py): words drawn from a Zipf law
(so "the" is in nearly every message and the tail words are rare), names and subjects."""

from __future__ import annotations

import itertools
import random

COMMON = [
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "is",
    "that",
    "for",
    "it",
    "on",
    "be",
    "with",
    "as",
    "this",
    "are",
    "not",
    "we",
    "have",
    "by",
    "or",
    "from",
    "at",
    "an",
    "but",
    "if",
    "can",
    "which",
    "will",
    "would",
    "should",
    "there",
    "their",
    "they",
    "was",
    "been",
    "has",
    "more",
    "one",
    "all",
    "so",
    "about",
    "what",
    "when",
    "also",
    "some",
    "any",
    "than",
    "only",
    "into",
    "other",
    "then",
    "could",
    "these",
    "may",
    "our",
    "its",
    "other",
    "new",
]
TOPIC = [
    "resource",
    "render",
    "request",
    "deferred",
    "reactor",
    "template",
    "server",
    "client",
    "protocol",
    "handler",
    "session",
    "cookie",
    "header",
    "response",
    "twisted",
    "nevow",
    "woven",
    "page",
    "widget",
    "form",
    "upload",
    "proxy",
    "certificate",
    "policy",
    "consultation",
    "stakeholder",
    "government",
    "draft",
    "amendment",
    "paragraph",
    "comment",
    "proposal",
    "governance",
    "operator",
    "registry",
    "routing",
    "address",
    "spectrum",
    "privacy",
    "security",
    "standard",
    "interoperability",
    "accessibility",
    "capacity",
    "development",
    "review",
    "timeline",
    "meeting",
    "agenda",
    "minutes",
    "decision",
    "consensus",
    "objection",
    "rough",
    "charter",
    "scope",
]
FIRST = [
    "Ana",
    "Bruno",
    "Chen",
    "Dara",
    "Elif",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kemal",
    "Lena",
    "Marta",
    "Nia",
    "Omar",
    "Paulo",
    "Quinn",
    "Rosa",
    "Sami",
    "Tariq",
    "Uma",
    "Vera",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zofia",
    "Amara",
    "Boris",
    "Carmen",
    "Dmitri",
]
LAST = [
    "Abebe",
    "Bianchi",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lopez",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rahman",
    "Santos",
    "Tanaka",
    "Urquhart",
    "Varga",
    "Wang",
    "Xu",
    "Yilmaz",
]


def vocabulary(size: int = 20_000) -> tuple[list[str], list[float]]:
    """Words with cumulative Zipf weights: common English first, then topic words, then a
    long tail of made-up words (each rare: a search for one touches few messages)."""
    tail = (
        "".join(parts)
        for parts in itertools.product("bcdfgklmnprstvz", "aeiou", "bcdfgklmnprstvz", "aeiouy")
    )
    words = list(dict.fromkeys(COMMON + TOPIC))
    for word in tail:
        if len(words) >= size:
            break
        words.append(word + "x")
    weights = list(itertools.accumulate(1.0 / (rank + 1) ** 1.05 for rank in range(len(words))))
    return words, weights


class Writer:
    """Bodies are drawn from a pool of Zipf sentences: drawing each word afresh for a million
    bodies would take most of the generator's time, and the pool is large enough that a rare
    word stays rare and common words stay everywhere."""

    def __init__(self, rng: random.Random, pool: int = 40_000) -> None:
        self.rng = rng
        self.words, self.weights = vocabulary()
        self.pool = [self.sentence(rng.randint(6, 18)) for _ in range(pool)]

    def sentence(self, length: int) -> str:
        chosen = self.rng.choices(self.words, cum_weights=self.weights, k=max(3, length))
        return " ".join(chosen).capitalize() + "."

    def body(self) -> str:
        """Bodies of mail-like lengths: mostly a few hundred characters, some long."""
        chars = min(20_000, int(self.rng.lognormvariate(6.2, 0.8)))
        out: list[str] = []
        size = 0
        while size < chars:
            lines = self.rng.choices(self.pool, k=4)
            out.append(" ".join(lines))
            size += sum(len(line) + 1 for line in lines)
        return "\n\n".join(out)

    def subject(self) -> str:
        words = self.rng.choices(TOPIC, k=self.rng.randint(2, 6))
        return " ".join(words).capitalize()

    def person(self, number: int) -> tuple[str, str]:
        first = FIRST[number % len(FIRST)]
        last = LAST[(number // len(FIRST)) % len(LAST)]
        return f"{first} {last}", f"{first}.{last}{number}@example.org".lower()
