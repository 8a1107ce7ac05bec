from __future__ import annotations

from ninja import Schema


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
