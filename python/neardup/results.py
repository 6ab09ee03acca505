"""The shapes of neardup's results: plain dicts, described here for type checkers.

Every result is the Rust library's own serialized value (the same fields as the CLI's JSON
output), so ``json.dumps`` of a result is what ``neardup … --format json`` writes for it.
Scores are similarities in 0.0–1.0; verdict names are those of :func:`neardup.verdicts`.
"""

from __future__ import annotations

import sys
from typing import Dict, List, Optional

if sys.version_info >= (3, 11):
    from typing import NotRequired, TypedDict
else:  # pragma: no cover - older interpreters read the stubs only
    from typing_extensions import NotRequired, TypedDict

__all__ = [
    "AuditedPair",
    "Comparison",
    "DiffOp",
    "Finding",
    "Group",
    "Item",
    "Member",
    "Reason",
    "RelatedPair",
    "ScanReport",
    "ScanSummary",
    "Story",
    "Topic",
]


class Reason(TypedDict, total=False):
    """Why a pair got its verdict; ``kind`` says which reason, the other keys depend on it."""

    kind: str
    terms: List[str]
    values: List[str]
    left: str
    right: str


class DiffOp(TypedDict, total=False):
    """One run of a word diff: ``op`` is ``equal``, ``delete`` or ``insert``."""

    op: str
    left: str
    right: str


class Comparison(TypedDict):
    """Everything known about one pair of titles."""

    scores: Dict[str, float]
    combined: float
    verdict: str
    reasons: List[Reason]
    diff: List[DiffOp]


class Finding(TypedDict):
    """One problem an audit found in a rewrite; spans are ``[start, end)`` byte ranges."""

    rule: str
    severity: str
    message: str
    original_spans: List[Dict[str, int]]
    rewrite_spans: List[Dict[str, int]]


class AuditedPair(TypedDict):
    """An original, its rewrite, their comparison and the audit's findings."""

    original: str
    rewrite: str
    teaser: Optional[str]
    comparison: Comparison
    findings: List[Finding]
    max_severity: Optional[str]


class Location(TypedDict):
    """Where a record is: the source name and a 1-based line."""

    path: str
    line: int


class Item(TypedDict):
    """A record of a scanned batch."""

    location: Location
    title: str
    existing: NotRequired[bool]


class Member(TypedDict):
    """A group member, with its verdict and combined score against the representative."""

    location: Location
    title: str
    existing: NotRequired[bool]
    verdict: str
    score: float


class Group(TypedDict):
    """Records that tell one story."""

    id: int
    representative: Item
    members: List[Member]


class RelatedPair(TypedDict):
    """A related pair of titles in different groups."""

    left: Item
    right: Item
    score: float


class Story(TypedDict):
    """One story of a topic."""

    group: NotRequired[int]
    representative: Item


class Topic(TypedDict):
    """Different stories about one subject."""

    id: int
    stories: List[Story]


class ScanSummary(TypedDict):
    """The counts every scan report carries."""

    records_read: int
    records_skipped: int
    unique_texts: int
    distinct_titles: int
    candidate_pairs: int
    groups: int
    members: Dict[str, int]
    pairs: Dict[str, int]
    topics: NotRequired[int]


class ScanReport(TypedDict):
    """Everything a scan found."""

    groups: List[Group]
    related: List[RelatedPair]
    topics: List[Topic]
    summary: ScanSummary
