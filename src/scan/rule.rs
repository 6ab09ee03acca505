//! The scan's rules: one stable id per kind of finding a scan reports, so that CI annotations,
//! baselines and `neardup explain` can name them.
//!
//! A scan finding is a group member (or a related pair) and its verdict against the
//! representative; each verdict a scan reports has its rule: `ND001` exact duplicate …
//! `ND005` related. The ids never change meaning; new kinds get new ids.

use crate::audit::Severity;
use crate::classify::Verdict;

/// One kind of scan finding, named after the verdict it reports.
///
/// Serialized as its id (`"ND003"`); parsed from its id or name, in any case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ScanRule {
    /// ND001: the same bytes as the representative.
    ExactDuplicate,
    /// ND002: the same text as the representative after normalization.
    IdenticalAfterNormalization,
    /// ND003: a few surface edits away from the representative.
    NearDuplicate,
    /// ND004: the representative's story, reworded.
    Rewrite,
    /// ND005: shares key terms with another title, likely another angle or story.
    Related,
}

impl ScanRule {
    /// Every scan rule, in id order.
    pub const ALL: [ScanRule; 5] = [
        ScanRule::ExactDuplicate,
        ScanRule::IdenticalAfterNormalization,
        ScanRule::NearDuplicate,
        ScanRule::Rewrite,
        ScanRule::Related,
    ];

    /// The rule reporting a pair with this verdict; `None` for `distinct`, which a scan never
    /// reports.
    pub fn for_verdict(verdict: Verdict) -> Option<ScanRule> {
        Some(match verdict {
            Verdict::Exact => ScanRule::ExactDuplicate,
            Verdict::Identical => ScanRule::IdenticalAfterNormalization,
            Verdict::NearDuplicate => ScanRule::NearDuplicate,
            Verdict::Rewrite => ScanRule::Rewrite,
            Verdict::Related => ScanRule::Related,
            _ => return None,
        })
    }

    /// The verdict this rule reports.
    pub fn verdict(self) -> Verdict {
        match self {
            ScanRule::ExactDuplicate => Verdict::Exact,
            ScanRule::IdenticalAfterNormalization => Verdict::Identical,
            ScanRule::NearDuplicate => Verdict::NearDuplicate,
            ScanRule::Rewrite => Verdict::Rewrite,
            ScanRule::Related => Verdict::Related,
        }
    }

    /// The stable id, e.g. `ND003`.
    pub fn id(self) -> &'static str {
        match self {
            ScanRule::ExactDuplicate => "ND001",
            ScanRule::IdenticalAfterNormalization => "ND002",
            ScanRule::NearDuplicate => "ND003",
            ScanRule::Rewrite => "ND004",
            ScanRule::Related => "ND005",
        }
    }

    /// The stable kebab-case name, e.g. `near-duplicate`.
    pub fn name(self) -> &'static str {
        match self {
            ScanRule::ExactDuplicate => "exact-duplicate",
            ScanRule::IdenticalAfterNormalization => "identical-after-normalization",
            ScanRule::NearDuplicate => "near-duplicate",
            ScanRule::Rewrite => "rewrite",
            ScanRule::Related => "related",
        }
    }

    /// The severity under the default fail level (`--fail-on near-duplicate`): the rules at
    /// or above it are errors, `rewrite` a warning, `related` information.
    pub fn default_severity(self) -> Severity {
        match self {
            ScanRule::Rewrite => Severity::Warning,
            ScanRule::Related => Severity::Info,
            _ => Severity::Error,
        }
    }

    /// One line: what the rule finds.
    pub fn summary(self) -> &'static str {
        match self {
            ScanRule::ExactDuplicate => "an item repeats another byte for byte",
            ScanRule::IdenticalAfterNormalization => {
                "an item repeats another up to case, punctuation, spacing, outlet or kicker"
            }
            ScanRule::NearDuplicate => {
                "an item repeats another with a few words added, dropped or swapped"
            }
            ScanRule::Rewrite => "an item tells the same story as another in other words",
            ScanRule::Related => "an item shares key terms with another, likely a different story",
        }
    }

    /// What the rule means, why it matters, and how to silence it (for `neardup explain`).
    pub fn explanation(self) -> String {
        let (what, why) = match self {
            ScanRule::ExactDuplicate => (
                "The member's title is byte for byte the representative's: the same headline \
                 polled twice, or syndicated without a change.",
                "A batch that publishes the same item twice shows readers a repeat and splits \
                 its clicks; it is almost always a pipeline bug (a retry, a second poll, two \
                 feeds of one outlet).",
            ),
            ScanRule::IdenticalAfterNormalization => (
                "The member's title equals the representative's once both are normalized: case, \
                 curly quotes, dashes, spacing, an outlet suffix (\" - AP\", \"| CNN\") or a \
                 kicker (\"BREAKING:\") differ, nothing else.",
                "Readers see the same headline twice; the differences are typography, not \
                 content. Add outlets or kickers your feeds use under `[normalize]` so that \
                 they count as noise too.",
            ),
            ScanRule::NearDuplicate => (
                "The member is the representative's story with a few surface edits: a word \
                 added, dropped or swapped (word-sequence edit similarity at or above the \
                 `near-duplicate` threshold, default 0.75).",
                "A near-duplicate is a repeat for the reader (\"…, agency says\" dropped does \
                 not make a new story) and usually the same item from a second source.",
            ),
            ScanRule::Rewrite => (
                "The member tells the representative's story in other words: its combined \
                 score is at or above the `rewrite` threshold (default 0.27) but it is more \
                 than a few edits away.",
                "Rewrites are how aggregators and teasers retell a story; several in one batch \
                 mean the batch covers one story several times. They do not fail a build by \
                 default, since a rewrite may be deliberate (`neardup pairs` audits whether it \
                 stays faithful).",
            ),
            ScanRule::Related => (
                "Two titles in different groups share key terms (combined score at or above \
                 the `related` threshold, default 0.12) but are not the same story: another \
                 angle, a follow-up, or a different story about the same person or place. \
                 Only reported with `--min-verdict related`.",
                "Worth a look when curating a batch; never a duplicate by itself.",
            ),
        };
        format!(
            "{} ({}): {}\n\n{what}\n\nWhy it matters: {why}\n\nHow to silence it: record the \
             accepted findings with `neardup scan --write-baseline FILE` and pass `--baseline \
             FILE` on later runs (the baseline is keyed by the normalized titles, so it \
             survives reordered input); or raise the fail level (`--fail-on`, or `fail-on` \
             under `[scan]` in neardup.toml; it is `near-duplicate` by default, so `{}` \
             findings {} the build); or report less with `--min-verdict` (`min-verdict` in the \
             config).",
            self.id(),
            self.name(),
            self.summary(),
            self.verdict(),
            if self.verdict() >= Verdict::NearDuplicate {
                "fail"
            } else {
                "do not fail"
            },
        )
    }
}

impl std::str::FromStr for ScanRule {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let given = s.trim();
        ScanRule::ALL
            .into_iter()
            .find(|r| r.id().eq_ignore_ascii_case(given) || r.name().eq_ignore_ascii_case(given))
            .ok_or_else(|| {
                format!("unknown scan rule `{s}`; expected an id from ND001 to ND005 or a name such as `near-duplicate`")
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reported_verdict_has_one_rule_and_ids_round_trip() {
        for (i, rule) in ScanRule::ALL.into_iter().enumerate() {
            assert_eq!(rule.id(), format!("ND00{}", i + 1));
            assert_eq!(ScanRule::for_verdict(rule.verdict()), Some(rule));
            assert_eq!(rule.name().parse::<ScanRule>(), Ok(rule));
            assert_eq!(rule.id().to_lowercase().parse::<ScanRule>(), Ok(rule));
            assert!(rule.explanation().contains("--baseline"));
        }
        assert_eq!(ScanRule::for_verdict(Verdict::Distinct), None);
        assert_eq!(
            serde_json::to_string(&ScanRule::Rewrite).unwrap_or_default(),
            "\"ND004\""
        );
    }
}
