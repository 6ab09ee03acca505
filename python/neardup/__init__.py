"""neardup from Python: find near-duplicate headlines and rewritten teaser titles.

The scorer, verdicts, groups and audit are the Rust library's (the ``neardup`` crate of this
repository); this package only converts their results into plain dicts and lists. Build a
:class:`Comparer` once to configure thresholds or the language; the module-level functions
use the library's defaults.

>>> import neardup
>>> neardup.compare("Fire in Rome", "FIRE IN ROME - Reuters")["verdict"]
'identical'
>>> neardup.similarity("Fire in Rome", "Fire in Rome")
1.0
"""

from __future__ import annotations

from typing import Iterable, List, Optional, Sequence, Tuple

from ._native import Comparer, NeardupError, Stages, verdicts
from .results import AuditedPair, Comparison, ScanReport

__all__ = [
    "AuditedPair",
    "Comparer",
    "Comparison",
    "NeardupError",
    "ScanReport",
    "Stages",
    "audit",
    "compare",
    "pairs",
    "scan",
    "similarity",
    "verdicts",
]

_default: Optional[Comparer] = None


def default_comparer() -> Comparer:
    """The comparer with the library's defaults, built once (loading term weights is the slow part)."""
    global _default
    if _default is None:
        _default = Comparer()
    return _default


def compare(left: str, right: str) -> Comparison:
    """Compare two titles with the defaults: scores, verdict, reasons and word diff."""
    return default_comparer().compare(left, right)


def similarity(left: str, right: str) -> float:
    """The combined similarity of two titles with the defaults, in 0.0–1.0."""
    return default_comparer().similarity(left, right)


def scan(
    titles: Iterable[str],
    *,
    against: Sequence[str] = (),
    source: str = "titles",
    candidate_threshold: Optional[float] = None,
    related: bool = False,
    topics: bool = False,
    exhaustive: bool = False,
) -> ScanReport:
    """Scan a batch of titles with the defaults, as ``neardup scan`` does; see :meth:`Comparer.scan`."""
    return default_comparer().scan(
        list(titles),
        against=list(against),
        source=source,
        candidate_threshold=candidate_threshold,
        related=related,
        topics=topics,
        exhaustive=exhaustive,
    )


def audit(original: str, rewrite: str, teaser: Optional[str] = None) -> AuditedPair:
    """Audit one rewrite against its original with the defaults, as ``neardup pairs`` does."""
    return default_comparer().audit(original, rewrite, teaser)


def pairs(records: Iterable[Tuple[str, str]]) -> List[AuditedPair]:
    """Audit many ``(original, rewrite)`` pairs with the defaults, in parallel."""
    return default_comparer().audit_many(list(records))
