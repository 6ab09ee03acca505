//! The audit rules: stable ids, names and the text `neardup explain RULE` prints.

use super::Severity;

/// One content check on an original/rewrite pair. Ids (`ND101`…) and names
/// (`number-changed`…) are stable: configs, baselines and CI annotations refer to them.
///
/// Serialized as its id; parsed from its id or its name, in any case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Rule {
    /// ND101: a number states another value in the rewrite.
    NumberChanged,
    /// ND102: the rewrite states a number the original does not.
    NumberAdded,
    /// ND103: the rewrite leaves out a number of the original.
    NumberDropped,
    /// ND104: the rewrite leaves out a named entity of the original.
    EntityDropped,
    /// ND105: the rewrite names an entity the original does not.
    EntityAdded,
    /// ND106: the original attributes a claim ("agency says"); the rewrite states it as fact.
    AttributionDropped,
    /// ND107: the rewrite turns "says" into "confirms", "reveals", "proves".
    AttributionStrengthened,
    /// ND108: the original hedges ("could", "alleged"); the rewrite does not.
    HedgingDropped,
    /// ND109: the rewrite adds a kicker ("Historic Victory:") or a sensational word.
    SensationalFraming,
    /// ND110: the rewrite is too close to the original to count as a rewrite.
    NearCopy,
    /// ND111: the rewrite does not tell the original's story.
    NotSameStory,
}

impl Rule {
    /// Every rule, in id order.
    pub const ALL: [Rule; 11] = [
        Rule::NumberChanged,
        Rule::NumberAdded,
        Rule::NumberDropped,
        Rule::EntityDropped,
        Rule::EntityAdded,
        Rule::AttributionDropped,
        Rule::AttributionStrengthened,
        Rule::HedgingDropped,
        Rule::SensationalFraming,
        Rule::NearCopy,
        Rule::NotSameStory,
    ];

    /// The stable id, e.g. `ND101`.
    pub fn id(self) -> &'static str {
        match self {
            Rule::NumberChanged => "ND101",
            Rule::NumberAdded => "ND102",
            Rule::NumberDropped => "ND103",
            Rule::EntityDropped => "ND104",
            Rule::EntityAdded => "ND105",
            Rule::AttributionDropped => "ND106",
            Rule::AttributionStrengthened => "ND107",
            Rule::HedgingDropped => "ND108",
            Rule::SensationalFraming => "ND109",
            Rule::NearCopy => "ND110",
            Rule::NotSameStory => "ND111",
        }
    }

    /// The stable kebab-case name, e.g. `number-changed`.
    pub fn name(self) -> &'static str {
        match self {
            Rule::NumberChanged => "number-changed",
            Rule::NumberAdded => "number-added",
            Rule::NumberDropped => "number-dropped",
            Rule::EntityDropped => "entity-dropped",
            Rule::EntityAdded => "entity-added",
            Rule::AttributionDropped => "attribution-dropped",
            Rule::AttributionStrengthened => "attribution-strengthened",
            Rule::HedgingDropped => "hedging-dropped",
            Rule::SensationalFraming => "sensational-framing",
            Rule::NearCopy => "near-copy",
            Rule::NotSameStory => "not-same-story",
        }
    }

    /// The severity a finding of this rule has unless the rule lowers it for a weak case
    /// (an added ordinal, a dropped common word).
    pub fn default_severity(self) -> Severity {
        match self {
            Rule::NumberChanged | Rule::NotSameStory => Severity::Error,
            _ => Severity::Warning,
        }
    }

    /// One line: what the rule finds.
    pub fn summary(self) -> &'static str {
        match self {
            Rule::NumberChanged => "a number of the original states another value in the rewrite",
            Rule::NumberAdded => "the rewrite states a number the original does not",
            Rule::NumberDropped => "the rewrite leaves out a number the original states",
            Rule::EntityDropped => "the rewrite leaves out a name the original mentions",
            Rule::EntityAdded => "the rewrite names someone or something the original does not",
            Rule::AttributionDropped => {
                "the original attributes a claim to a source; the rewrite states it as fact"
            }
            Rule::AttributionStrengthened => {
                "the rewrite makes a source's claim stronger (\"says\" becomes \"confirms\")"
            }
            Rule::HedgingDropped => "the original hedges a claim; the rewrite states it as certain",
            Rule::SensationalFraming => {
                "the rewrite adds a kicker or sensational words the original does not use"
            }
            Rule::NearCopy => "the rewrite is nearly a copy of the original",
            Rule::NotSameStory => "the rewrite does not tell the same story as the original",
        }
    }

    /// What the rule means, why it matters, and how to silence it (for `neardup explain`).
    pub fn explanation(self) -> String {
        let (what, why, tune) = match self {
            Rule::NumberChanged => (
                "A number in the original and a number of the same kind in the rewrite (a \
                 score, a year, an amount, a percentage, a count with the same unit) state \
                 different values. A year that becomes a number of years (\"since 1980\" → \
                 \"in 43 Years\") counts as changed: it states the same fact another way, and \
                 the reader can no longer check it against the original. The same value under \
                 another qualifier (\"at least 12\" / \"12\", \"around 200\" / \"200\": the \
                 lexicon's `qualifiers`) is reported too, as a warning.",
                "Numbers are the facts readers quote. A rewrite that changes one says something \
                 the source did not, or says it in a way that goes stale.",
                "Keep the original's figure.",
            ),
            Rule::NumberAdded => (
                "The rewrite states a number that has no counterpart in the original.",
                "A figure the original headline does not give may come from the body, from \
                 another story or from nowhere; an editor should check it. Added ordinals \
                 (\"First\") are reported at info level.",
                "Remove the number or check it against the article.",
            ),
            Rule::NumberDropped => (
                "The original states a number (a score, a toll, an amount) that the rewrite \
                 leaves out.",
                "The number is often the news (\"2-1 in overtime\"). Dropped ordinals are \
                 reported at info level.",
                "Keep the number in the rewrite.",
            ),
            Rule::EntityDropped => (
                "A name of the original (a person, place, organization, acronym) has none of \
                 its words in the rewrite. Stems, known aliases (`US`/`U.S.`/`USA`/`United \
                 States`, from the lexicon's `aliases`) and acronyms spelled out count as \
                 kept.",
                "Who and where are core facts of a story. Common capitalized words are \
                 reported at info level.",
                "Keep the name, or add an alias group to the lexicon: `[pairs.lexicon] \
                 aliases = [[\"UK\", \"Britain\"]]`.",
            ),
            Rule::EntityAdded => (
                "The rewrite names an entity none of whose words appear in the original. In a \
                 Title Case rewrite, where every word is capitalized, only acronyms and words \
                 unknown to the background word table count as names.",
                "A name the original does not mention may be wrong, or pull in another story.",
                "Remove the name, or add an alias group to the lexicon if it is another name for \
                 one the original uses.",
            ),
            Rule::AttributionDropped => (
                "The original attributes its claim (\"…, agency says\", \"according to \
                 police\", \"…: expert\", \"… — Mayor Ruiz\"); the rewrite has no attribution at \
                 all. A rewrite that reports the claim with another verb (\"court rules\", \
                 \"regulator accuses\", \"data shows\") moves the attribution and is not flagged.",
                "Without the source, a claim reads as established fact. That changes what the \
                 headline asserts.",
                "Keep the attribution. Attribution words are the lexicon's `attribution` list \
                 and the verbs that keep one `reporting-verbs`; add your own there.",
            ),
            Rule::AttributionStrengthened => (
                "The rewrite uses a strong verb (\"confirms\", \"reveals\", \"proves\", \
                 \"admits\") that the original does not.",
                "\"Says\" reports a claim; \"confirms\" vouches for it. The rewrite claims more \
                 certainty than the source.",
                "Use the original's verb. The verbs are the lexicon's `strong-verbs` list.",
            ),
            Rule::HedgingDropped => (
                "The original hedges (\"could\", \"may\", \"alleged\", \"reportedly\", \
                 \"reported killed\", \"expected to\") and the rewrite keeps none of its \
                 hedges. A modal inside an indirect question (\"to decide if X may…\") is not \
                 a hedge, and a hedged clause the rewrite leaves out altogether is dropped, not \
                 made certain. \"Set to\" schedules rather than hedges.",
                "A possibility stated as a certainty is a different claim, and an allegation \
                 stated as fact can be defamatory.",
                "Keep a hedge. The hedges are the lexicon's `hedges` list.",
            ),
            Rule::SensationalFraming => (
                "The rewrite adds framing the original lacks, each kind reported with its \
                 span: a charged kicker before a colon (\"Historic Victory:\", a quoted \
                 \"'Deeply unsettling':\"; a plain topic label such as \"Weather live:\" is not \
                 framing), emotive words and intensifiers (\"Tragic\", \"brazen\", \
                 \"Massive\"), dramatized verbs (\"slams\", \"rocks\"; not \"slams into\"), \
                 superlatives (\"unprecedented\"), curiosity gaps (\"you won't believe\"), a \
                 common word in scare quotes and an exclamation mark outside a quotation.",
                "Framing sells an emotion the source did not report; it is the mark of \
                 clickbait teasers.",
                "Drop the kicker or the word. The word lists are the lexicon's `framing`, \
                 `dramatic-verbs`, `superlatives` and `curiosity`; add your own there.",
            ),
            Rule::NearCopy => (
                "The comparer's verdict for the pair is at or above the policy's \
                 `near-copy-above` verdict (default `near-duplicate`): the rewrite changes only \
                 a few words, or only case and punctuation.",
                "A rewrite that is nearly the original is duplicate content, not a rewrite.",
                "Rewrite more, or raise the threshold: `[pairs] near-copy-above = \"identical\"`.",
            ),
            Rule::NotSameStory => (
                "The comparer's verdict for the pair is `related` or `distinct`: the rewrite \
                 shares too little with the original to be the same story.",
                "A teaser that tells another story misleads readers about what they will \
                 read.",
                "Check that the pair belongs together, or lower the `rewrite` threshold.",
            ),
        };
        format!(
            "{} ({}): {}\n\n{what}\n\nWhy it matters: {why}\n\nHow to fix or silence it: {tune} \
             To accept these findings, list the rule in the config: `[pairs] allow = [\"{}\"]`.",
            self.id(),
            self.name(),
            self.summary(),
            self.id(),
        )
    }
}

/// A rule id or name that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule {
    /// What was given.
    pub given: String,
}

impl std::fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown rule `{}`; expected an id from ND101 to ND111 or a name such as \
             `number-changed` (`neardup explain` lists them)",
            self.given
        )
    }
}

impl std::error::Error for UnknownRule {}

impl std::str::FromStr for Rule {
    type Err = UnknownRule;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let given = s.trim();
        Rule::ALL
            .into_iter()
            .find(|r| r.id().eq_ignore_ascii_case(given) || r.name().eq_ignore_ascii_case(given))
            .ok_or_else(|| UnknownRule {
                given: s.to_owned(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_names_are_unique_and_round_trip() {
        for (i, rule) in Rule::ALL.into_iter().enumerate() {
            assert_eq!(rule.id(), format!("ND{}", 101 + i));
            assert_eq!(rule.id().parse::<Rule>(), Ok(rule));
            assert_eq!(rule.name().parse::<Rule>(), Ok(rule));
            assert_eq!(rule.name().to_uppercase().parse::<Rule>(), Ok(rule));
            assert!(rule.explanation().contains(rule.id()));
            assert!(rule.explanation().contains("allow"));
        }
        let err = "ND001".parse::<Rule>().unwrap_err();
        assert!(err.to_string().contains("ND101"), "{err}");
    }

    #[test]
    fn serializes_as_its_id() {
        let json = serde_json::to_string(&Rule::NearCopy).unwrap_or_default();
        assert_eq!(json, "\"ND110\"");
        let back: Vec<Rule> = serde_json::from_str(r#"["ND104", "near-copy"]"#).unwrap_or_default();
        assert_eq!(back, [Rule::EntityDropped, Rule::NearCopy]);
    }
}
