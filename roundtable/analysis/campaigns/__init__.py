"""Campaign grouping (issue 17): form letters and their near copies as one group each.

Pure core, no Django: `normalise` (tokens, the exact key), `signatures` (one-permutation
MinHash of word shingles, numpy-vectorised per batch), `index` (banded LSH over the
signatures, candidate verification, connected components), `grouping` (the streaming
`Grouper` that ties them together), `templates` (each campaign's template and what each member
adds), `reading` (the JSONL input, with errors that name the line). docs/campaigns.md says
why each choice.
"""

from roundtable.analysis.campaigns.grouping import Grouper, Params, Partition

__all__ = ["Grouper", "Params", "Partition"]
