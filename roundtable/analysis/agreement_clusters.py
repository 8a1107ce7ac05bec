"""Opinion groups: who votes alike, whatever group they declared (Polis's clustering).

As Polis does (compdemocracy/polis, math/src/polismath/math/conversation.clj: ``:pca``,
``:group-clusterings``, ``:group-clusterings-silhouettes``): the participant × statement matrix
(agree +1, disagree −1, pass 0, not seen = the statement's mean), projected on its two principal
components; k-means for k = 2..5, keeping the k with the best silhouette. scikit-learn does the
numerical work (PCA, KMeans, silhouette_score): a maintained library, seeded so that the same
votes always give the same groups.

What a reader of a stakeholder process wants from this is the *composition*: each opinion group
counted by declared stakeholder group, which shows whether opinions follow the groups or cut
across them.

An opinion group of fewer than ``MIN_CELL`` people is not reported (its members' marks would be
close to showing), and each group's composition goes through `analysis.balance.fold_small` with
its total shown: a stakeholder group with too few people in it is summed with the next smallest
into ``OTHER``, as the balance does, so that "the one intergovernmental voter is in group 2"
cannot be read off the table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score

from .agreement import OTHER, Vote
from .balance import MIN_CELL, fold_small

MIN_PARTICIPANTS = 6  # below this, a "group of opinions" is one or two people: not shown
MAX_K = 5
SEED = 0


@dataclass(frozen=True)
class OpinionGroup:
    number: int  # 1, 2, ... ordered by size, largest first
    members: tuple[Hashable, ...]
    by_group: tuple[tuple[str, int], ...]  # declared stakeholder group -> members, largest first


def opinion_groups(
    votes: Iterable[Vote],
    groups: Mapping[Hashable, str],
    unknown: str = "",
    *,
    minimum: int = MIN_CELL,
) -> tuple[OpinionGroup, ...]:
    """The opinion groups of everyone who voted, those of at least `minimum` people; () when
    too few voted or all vote alike."""
    votes = list(votes)
    participants = sorted({v.participant for v in votes}, key=repr)
    statements = sorted({v.statement for v in votes}, key=repr)
    if len(participants) < MIN_PARTICIPANTS or len(statements) < 2:
        return ()
    row = {p: i for i, p in enumerate(participants)}
    col = {s: j for j, s in enumerate(statements)}
    matrix = np.full((len(participants), len(statements)), np.nan)
    for v in votes:
        matrix[row[v.participant], col[v.statement]] = v.value
    means = np.nan_to_num(np.nanmean(matrix, axis=0))
    filled = np.where(np.isnan(matrix), means, matrix)
    if np.allclose(filled, filled[0]):
        return ()
    projected = PCA(n_components=min(2, *filled.shape), random_state=SEED).fit_transform(filled)
    labels = _best_labels(projected)
    if labels is None:
        return ()
    clusters: dict[int, list[Hashable]] = {}
    for participant, label in zip(participants, labels, strict=True):
        clusters.setdefault(int(label), []).append(participant)
    ordered = sorted(
        (members for members in clusters.values() if len(members) >= minimum),
        key=lambda members: (-len(members), repr(members[0])),
    )
    return tuple(
        OpinionGroup(
            number=i + 1,
            members=tuple(members),
            by_group=_composition(Counter(groups.get(m, unknown) for m in members), minimum),
        )
        for i, members in enumerate(ordered)
    )


def _composition(counts: Counter[str], minimum: int) -> tuple[tuple[str, int], ...]:
    fold = fold_small(counts, minimum=minimum, total_shown=True)
    shown = [(g, counts[g]) for g in fold.shown]
    if fold.folded:
        shown.append((OTHER, sum(counts[g] for g in fold.folded)))
    return tuple(shown)


def _best_labels(points: np.ndarray) -> np.ndarray | None:
    distinct = len(np.unique(points.round(9), axis=0))
    best: tuple[float, np.ndarray] | None = None
    for k in range(2, min(MAX_K, distinct, len(points) - 1) + 1):
        labels = KMeans(n_clusters=k, n_init=10, random_state=SEED).fit_predict(points)
        if len(set(labels)) < 2:
            continue
        score = float(silhouette_score(points, labels))
        if best is None or score > best[0]:
            best = (score, labels)
    return None if best is None else best[1]
