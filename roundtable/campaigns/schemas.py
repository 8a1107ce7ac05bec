from __future__ import annotations

from ninja import Field, Schema

from roundtable.inputs.bounds import Input
from roundtable.inputs.params import LARGEST


class CampaignGroupCountOut(Schema):
    group: str
    label: str
    contributions: int
    voices: int
    campaigns: int
    signatories: int


class CampaignOut(Schema):
    anchor: int
    size: int
    template: list[str]
    members: list[int]


class CallCampaignsOut(Schema):
    call: int
    counts: list[CampaignGroupCountOut]
    campaigns: list[CampaignOut]


class CampaignSplitIn(Input):
    member: int = Field(ge=1, le=LARGEST)  # the contribution to take out of the campaign


class CampaignMergeIn(Input):
    # each campaign named by a member's contribution id (its `anchor`)
    campaign: int = Field(ge=1, le=LARGEST)
    other: int = Field(ge=1, le=LARGEST)


class CampaignDecisionOut(Schema):
    decision: int
    call: int
    kind: str  # "split" or "merge"
    contribution: int
    other: int | None
    regrouping: bool  # the call's campaigns are recomputed by a task; until then, as before
