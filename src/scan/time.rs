//! Time windows: two titles published far apart are not evidence of one story.
//!
//! A distinct title's time is the span of its records' times (a feed polled for days shows
//! one headline many times). Two titles are *apart in time* when both have times and the gap
//! between their spans exceeds [`ScanOptions::time_window`](super::ScanOptions::time_window);
//! such a pair, unless it is a copy (`near-duplicate` or closer: the same title published
//! again, which a check against an archive must still find), is neither an edge of the
//! same-story graph nor a link the clustering averages (it counts as an unverified pair, 0).
//! A title without a time is never apart from another, so a batch without times is scanned
//! as before.
//!
//! The window bounds each pair, not each group: a story updated every day can gather titles
//! over more days than the window, each joined to the next through a pair inside it.

use crate::read::UnixSeconds;

/// The first and last time a title was published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TimeSpan {
    pub(super) first: UnixSeconds,
    pub(super) last: UnixSeconds,
}

impl TimeSpan {
    /// The span of one time.
    pub(super) fn at(time: UnixSeconds) -> Self {
        Self {
            first: time,
            last: time,
        }
    }

    /// The span covering both.
    pub(super) fn union(self, other: Self) -> Self {
        Self {
            first: self.first.min(other.first),
            last: self.last.max(other.last),
        }
    }

    /// Seconds between the two spans (0 when they overlap).
    pub(super) fn gap(self, other: Self) -> u64 {
        if self.last < other.first {
            other.first.abs_diff(self.last)
        } else if other.last < self.first {
            self.first.abs_diff(other.last)
        } else {
            0
        }
    }
}

/// Widen `span` (none yet, or some) by `time` (none, or some).
pub(super) fn widen(span: Option<TimeSpan>, time: Option<UnixSeconds>) -> Option<TimeSpan> {
    match (span, time.map(TimeSpan::at)) {
        (Some(a), Some(b)) => Some(a.union(b)),
        (a, b) => a.or(b),
    }
}

/// Whether two titles' spans are further apart than `window` seconds; never when either has
/// no time or there is no window.
pub(super) fn apart(a: Option<TimeSpan>, b: Option<TimeSpan>, window: Option<u64>) -> bool {
    match (a, b, window) {
        (Some(a), Some(b), Some(window)) => a.gap(b) > window,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    fn span(first: i64, last: i64) -> Option<TimeSpan> {
        Some(TimeSpan { first, last })
    }

    #[test]
    fn the_gap_is_between_the_spans_and_symmetric() {
        let (a, b) = (span(0, DAY), span(3 * DAY, 4 * DAY));
        assert_eq!(a.unwrap().gap(b.unwrap()), 2 * DAY as u64);
        assert_eq!(b.unwrap().gap(a.unwrap()), 2 * DAY as u64);
        assert_eq!(a.unwrap().gap(span(DAY / 2, 5 * DAY).unwrap()), 0);
    }

    #[test]
    fn apart_only_with_two_times_and_a_window() {
        let window = Some(DAY as u64);
        assert!(apart(span(0, 0), span(2 * DAY, 2 * DAY), window));
        assert!(!apart(span(0, 0), span(DAY, DAY), window));
        assert!(!apart(span(0, 0), None, window));
        assert!(!apart(None, span(0, 0), window));
        assert!(!apart(span(0, 0), span(100 * DAY, 100 * DAY), None));
    }

    #[test]
    fn widening_keeps_the_known_times() {
        assert_eq!(widen(None, None), None);
        assert_eq!(widen(None, Some(5)), span(5, 5));
        assert_eq!(widen(span(5, 5), None), span(5, 5));
        assert_eq!(widen(span(5, 9), Some(2)), span(2, 9));
        assert_eq!(widen(span(5, 9), Some(12)), span(5, 12));
    }

    #[test]
    fn far_apart_times_do_not_overflow() {
        let (a, b) = (span(i64::MIN, i64::MIN), span(i64::MAX, i64::MAX));
        assert_eq!(a.unwrap().gap(b.unwrap()), u64::MAX);
        assert!(apart(a, b, Some(u64::MAX - 1)));
    }
}
