"""API endpoints of group-aware agreement: the statements and results of a call for input or an
outcome (right `observe`), and a participant's mark (right `comment` under the process's
modality: a mark is a comment in short form). Mounted by roundtable/api/api.py."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from roundtable.contributions.queries import get_call
from roundtable.decisions.queries import get_outcome
from roundtable.outputs.errors import Error, write
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require

from .actions import check_mark
from .queries import get_statement, list_statements, my_marks, results
from .schemas import AgreementMarkIn, AgreementMarkOut, AgreementOut, agreement_out

router = Router(tags=["agreement"])


def _answer(request: HttpRequest, **subject: Any) -> AgreementOut:
    statements = list(list_statements(viewer=request.user, **subject))
    return agreement_out(
        results(viewer=request.user, statements=statements),
        my_marks(viewer=request.user, statements=statements),
    )


@router.get(
    "/calls/{call_id}/agreement",
    response={200: AgreementOut, 403: Error, 404: Error},
    operation_id="roundtable_agreement_call",
)
def call_agreement(request: HttpRequest, call_id: int) -> Any:
    """The statements of a call for input with their counts per stakeholder group and verdicts."""
    require(request, right="observe", modality="platform")
    return _answer(request, call=get_call(viewer=request.user, pk=call_id))


@router.get(
    "/outcomes/{outcome_id}/agreement",
    response={200: AgreementOut, 403: Error, 404: Error},
    operation_id="roundtable_agreement_outcome",
)
def outcome_agreement(request: HttpRequest, outcome_id: int) -> Any:
    """The statements of an outcome with their counts per stakeholder group and verdicts."""
    require(request, right="observe", modality="platform")
    return _answer(request, outcome=get_outcome(viewer=request.user, pk=outcome_id))


@router.post(
    "/statements/{statement_id}/mark",
    operation_id="roundtable_agreement_mark",
    **write(AgreementMarkOut),
)
def mark_statement(request: HttpRequest, statement_id: int, payload: AgreementMarkIn) -> Any:
    """Mark a statement agree, disagree or pass (right `comment`); a new mark replaces yours."""
    found = get_statement(viewer=request.user, pk=statement_id)
    check_mark(actor=Actor.of_request(request), statement=found, value=payload.mark)
    return 201, AgreementMarkOut(statement=found.pk, mark=payload.mark)
