//! The catalogue of every rule neardup reports, for `neardup rules` and `neardup explain`.
//!
//! Each family of rules (the scan's `ND001`…, the pair audit's `ND101`…) turns its rules
//! into [`RuleDoc`]s; [`catalog`] chains the families, so adding one is one line there and the
//! commands pick it up. The text comes from the rules themselves, so it cannot drift.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::audit::{Rule, Severity};
use crate::scan::ScanRule;

/// What a rule is, for people: id, name, default severity, one-line summary and the full
/// explanation (what it means, why it matters, how to fix or silence it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDoc {
    /// The stable id, e.g. `ND101`.
    pub id: &'static str,
    /// The stable kebab-case name, e.g. `number-changed`.
    pub name: &'static str,
    /// The severity of its findings unless a weak case lowers it.
    pub severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Several paragraphs: what, why, how to fix or silence.
    pub explanation: String,
}

/// What every rule family shares, written once: a rule displays and serializes as its id,
/// deserializes from its id or name (its `FromStr`), and documents itself as a [`RuleDoc`].
macro_rules! rule_family {
    ($rule:ty) => {
        impl fmt::Display for $rule {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.id())
            }
        }

        impl Serialize for $rule {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.id())
            }
        }

        impl<'de> Deserialize<'de> for $rule {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }

        impl From<$rule> for RuleDoc {
            fn from(rule: $rule) -> Self {
                RuleDoc {
                    id: rule.id(),
                    name: rule.name(),
                    severity: rule.default_severity(),
                    summary: rule.summary(),
                    explanation: rule.explanation(),
                }
            }
        }
    };
}

rule_family!(ScanRule);
rule_family!(Rule);

/// Every rule, in id order within each family: the scan's rules (`ND001`…), then the pair
/// audit's rules (`ND101`…).
pub fn catalog() -> Vec<RuleDoc> {
    ScanRule::ALL
        .into_iter()
        .map(RuleDoc::from)
        .chain(Rule::ALL.into_iter().map(RuleDoc::from))
        .collect()
}

/// The rule with this id or name, in any case.
pub fn find(query: &str) -> Result<RuleDoc, UnknownRuleId> {
    let given = query.trim();
    let rules = catalog();
    let ids: Vec<&'static str> = rules.iter().map(|r| r.id).collect();
    rules
        .into_iter()
        .find(|r| r.id.eq_ignore_ascii_case(given) || r.name.eq_ignore_ascii_case(given))
        .ok_or_else(|| UnknownRuleId {
            given: query.to_owned(),
            known: ids,
        })
}

/// A rule id or name that is in no family of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRuleId {
    /// What was asked for.
    pub given: String,
    /// Every known id, in catalogue order.
    pub known: Vec<&'static str>,
}

impl fmt::Display for UnknownRuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown rule `{}`; known rules: {} (`neardup rules` lists them with their names)",
            self.given,
            self.known.join(", ")
        )
    }
}

impl std::error::Error for UnknownRuleId {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_rules_by_id_or_name_in_any_case() {
        assert_eq!(find("nd101").map(|r| r.name), Ok("number-changed"));
        assert_eq!(find("Near-Copy").map(|r| r.id), Ok("ND110"));
        assert_eq!(find("nd003").map(|r| r.name), Ok("near-duplicate"));
        assert_eq!(find("exact-duplicate").map(|r| r.id), Ok("ND001"));
        let err = find("ND999").unwrap_err();
        assert!(err.to_string().contains("ND101, ND102"), "{err}");
    }

    #[test]
    fn ids_are_unique() {
        let rules = catalog();
        let mut ids: Vec<&str> = rules.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), rules.len());
    }
}
