"""Pure core: participation rules (modalities), decisions, adoption procedures, speaker order.

No Django here (an import-linter contract enforces it): the clock and all data are passed in.

The stable API the rest of Roundtable uses (the permissions "one door" adapter above all)::

    from roundtable.modalities import Context, Standing, decide, load_modality

    wtpf = load_modality("itu-wtpf")                      # presets are cached
    d = decide(wtpf, right="speak", standing=Standing(groups={"civil-society"}),
               context=Context(phase="exchange-of-views"))
    d.allowed, d.rule, d.reason, d.obligations, d.would_allow

See docs/modalities.md.
"""

from roundtable.modalities.ballots import Ballot, BallotError, Tally
from roundtable.modalities.compare import Comparison, Matrix, compare, matrices, matrix
from roundtable.modalities.engine import (
    Decision,
    Explanation,
    UnknownRightError,
    WouldAllow,
    decide,
)
from roundtable.modalities.loader import (
    check_file,
    load_modality,
    load_text,
    preset_names,
)
from roundtable.modalities.model import (
    CORE_RIGHTS,
    GROUPS,
    PHASE_KINDS,
    VOTE_KINDS,
    Modality,
    Procedure,
    Right,
    SpeakerPolicy,
)
from roundtable.modalities.procedures import tally
from roundtable.modalities.rulefile import ModalityError, Problem
from roundtable.modalities.rules import Obligation, Rule, When, Who
from roundtable.modalities.speakers import (
    QueueResult,
    QueueState,
    Slot,
    SpeakRequest,
    enqueue,
    next_speaker,
    order,
    queue_for_modality,
    speaker_order,
)
from roundtable.modalities.standing import Context, Standing

__all__ = [
    "CORE_RIGHTS",
    "GROUPS",
    "PHASE_KINDS",
    "VOTE_KINDS",
    "Ballot",
    "BallotError",
    "Comparison",
    "Context",
    "Decision",
    "Explanation",
    "Matrix",
    "Modality",
    "ModalityError",
    "Obligation",
    "Problem",
    "Procedure",
    "QueueResult",
    "QueueState",
    "Right",
    "Rule",
    "Slot",
    "SpeakRequest",
    "SpeakerPolicy",
    "Standing",
    "Tally",
    "UnknownRightError",
    "When",
    "Who",
    "WouldAllow",
    "check_file",
    "compare",
    "decide",
    "enqueue",
    "load_modality",
    "load_text",
    "matrices",
    "matrix",
    "next_speaker",
    "order",
    "preset_names",
    "queue_for_modality",
    "speaker_order",
    "tally",
]
