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
        language: str = "auto",
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
    def segment_keys(self, text: str) -> List[Tuple[int, int]]:
        """The ``(source, segment)`` keys a batch counts to learn its boilerplate."""

class Stages:
    """The Spark job's per-title and per-pair steps, with what a batch taught: its
    boilerplate and its refined term weights."""

    def __init__(
        self,
        comparer: Comparer,
        documents: Dict[str, int],
        frequencies: Dict[Tuple[str, int], int],
        boilerplate: Sequence[Tuple[int, int]],
        *,
        candidate_threshold: Optional[float] = None,
    ) -> None: ...
    def title_terms(self, texts: Sequence[str]) -> List[Tuple[str, List[int]]]:
        """Each title's language and distinct content-stem ids without the boilerplate."""
    def is_edge(self, score: float) -> bool:
        """Whether a verified pair with this score joins its titles' components."""
    def keys(self, texts: Sequence[str]) -> List[List[int]]:
        """Each title's prefix stems under the refined weights, rarest first."""
    def block_pairs(
        self, key: int, block: Sequence[Tuple[int, str]]
    ) -> List[Tuple[int, int, Optional[Tuple[str, float]]]]:
        """The candidate pairs first produced under ``key`` among ``(id, text)`` in batch
        order, each with ``(verdict, score)`` at the link threshold, else ``None``."""
    def cluster_component(
        self, titles: Sequence[str], pairs: Sequence[Tuple[int, int, str, float]]
    ) -> List[Tuple[int, List[Tuple[int, str, float]]]]:
        """The groups of one component: ``(center, [(member, verdict, score)])`` by index."""

def boilerplate_keys(counts: Sequence[Tuple[Tuple[int, int], int]]) -> List[Tuple[int, int]]:
    """The boilerplate keys among segment-key counts over a batch's distinct titles."""

def verdicts() -> List[str]:
    """The verdict names, from least to most alike."""
