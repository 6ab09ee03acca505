"""Type stubs of the compiled module ``neardup._native`` (the Rust binding crate)."""

from typing import Dict, List, Optional, Sequence, Tuple

from .results import AuditedPair, Comparison, ScanReport

class NeardupError(ValueError):
    """An option or input the neardup library refuses; the message says what to change."""

class Comparer:
    """Compares, scans and audits titles with one frozen configuration."""

    def __init__(
        self,
        *,
        rewrite: Optional[float] = None,
        related: Optional[float] = None,
        near_duplicate: Optional[float] = None,
        language: str = "english",
        normalize: bool = True,
        outlets: Sequence[str] = (),
    ) -> None: ...
    @property
    def thresholds(self) -> Dict[str, float]:
        """The verdict thresholds in force (``rewrite``, ``related``, ``near-duplicate``)."""
    def compare(self, left: str, right: str) -> Comparison:
        """Compare two titles: scores, verdict, reasons and word diff."""
    def similarity(self, left: str, right: str) -> float:
        """The combined similarity of two titles, in 0.0–1.0 (two empty titles: 1.0)."""
    def compare_many(self, pairs: Sequence[Tuple[str, str]]) -> List[Comparison]:
        """``compare`` for many pairs, in parallel with the GIL released."""
    def similarity_many(self, pairs: Sequence[Tuple[str, str]]) -> List[float]:
        """``similarity`` for many pairs, in parallel with the GIL released."""
    def scan(
        self,
        titles: Sequence[str],
        *,
        against: Sequence[str] = (),
        source: str = "titles",
        candidate_threshold: Optional[float] = None,
        related: bool = False,
        topics: bool = False,
        exhaustive: bool = False,
    ) -> ScanReport:
        """Scan a batch as ``neardup scan`` does: the groups and the counts."""
    def audit(self, original: str, rewrite: str, teaser: Optional[str] = None) -> AuditedPair:
        """Audit a rewrite against its original as ``neardup pairs`` does."""
    def audit_many(self, pairs: Sequence[Tuple[str, str]]) -> List[AuditedPair]:
        """``audit`` for many ``(original, rewrite)`` pairs, in parallel."""
    def collapse_key(self, text: str) -> int:
        """The key that collapses normalized-identical titles."""
    def title_terms(self, text: str) -> List[int]:
        """The distinct content-stem ids of a title (one document of the batch statistics)."""

class Stages:
    """The Spark job's per-title and per-pair steps, with a batch's refined term weights."""

    def __init__(
        self,
        comparer: Comparer,
        documents: int,
        frequencies: Dict[int, int],
        *,
        candidate_threshold: Optional[float] = None,
        refine_weights: bool = True,
    ) -> None: ...
    def keys(self, texts: Sequence[str]) -> List[List[int]]:
        """Each title's prefix stems under the refined weights, rarest first."""
    def block_pairs(self, key: int, block: Sequence[Tuple[int, str]]) -> List[Tuple[int, int]]:
        """The candidate pairs first produced under ``key`` among ``(id, text)`` in batch order."""
    def verify_many(
        self, pairs: Sequence[Tuple[str, str]]
    ) -> List[Optional[Tuple[str, float]]]:
        """``(verdict, combined score)`` at ``rewrite`` or closer for each pair, else ``None``."""

    def cluster_component(
        self, titles: Sequence[str]
    ) -> List[Tuple[int, List[Tuple[int, str, float]]]]:
        """The groups of one component: ``(center, [(member, verdict, score)])`` by index."""

def verdicts() -> List[str]:
    """The verdict names, from least to most alike."""
