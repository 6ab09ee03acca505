//! Function words that carry no story on their own, in English and Swedish.
//!
//! Shared words such as "the" or "to" (Swedish "och", "på") say nothing about whether two
//! headlines tell the same story, so they are left out of the content terms that the
//! weighted metrics, the candidate index and the key-term reasons use. They stay in the word
//! sequence, so surface edits to them still count for the near-duplicate verdict. The lists
//! are short on purpose: headline words such as "says" or "new" are common, but their weight
//! comes from the IDF model, not from here.
//!
//! Both lists are written for the project in the same spirit: pronouns, articles,
//! prepositions, conjunctions, auxiliaries and a few adverbs of degree. The Swedish one leaves
//! out words that Swedish headlines use as content more often than as function words ("man":
//! *one* and *a man*), and the rare plural pronouns ("er", "era") that would also vote
//! Swedish for Danish and Norwegian titles. The word lists of a stop-word crate were
//! considered and not taken: they are long general-text lists (the common Swedish one has
//! "man" and many inflected forms headlines rarely use), and the vote in
//! [`crate::features`] needs lists chosen for it, with a word on one list only when that
//! language uses it as a function word.

/// Sorted list of English stop words (lower case, after apostrophe folding).
const ENGLISH: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "amid",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "onto",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
];

/// Sorted (by bytes) list of Swedish stop words (lower case).
const SWEDISH: &[&str] = &[
    "alla", "allt", "andra", "annan", "annat", "av", "bara", "bland", "blev", "bli", "blir",
    "blivit", "de", "dem", "den", "denna", "deras", "dess", "dessa", "det", "detta", "dig", "din",
    "dina", "ditt", "du", "där", "då", "efter", "ej", "eller", "emot", "en", "ett", "från", "för",
    "genom", "ha", "hade", "han", "hans", "har", "henne", "hennes", "hon", "honom", "hos", "hur",
    "här", "i", "icke", "in", "inför", "inga", "ingen", "inget", "inom", "inte", "jag", "ju",
    "kan", "kring", "kunde", "med", "mellan", "men", "mer", "mest", "mig", "min", "mina", "mitt",
    "mot", "mycket", "ni", "nu", "när", "någon", "något", "några", "och", "också", "om", "oss",
    "på", "samma", "sedan", "sig", "sin", "sina", "sitt", "ska", "skall", "skulle", "som", "så",
    "till", "trots", "under", "upp", "ur", "ut", "utan", "vad", "var", "vara", "varför", "varit",
    "varje", "vars", "vem", "vi", "vid", "vilka", "vilken", "vilket", "vill", "än", "är", "även",
    "åt", "över",
];

/// Whether `word` (lower case) is a Swedish stop word.
pub fn is_swedish_stop_word(word: &str) -> bool {
    SWEDISH.binary_search(&word).is_ok()
}

/// Whether `word` (lower case) is an English stop word.
pub fn is_stop_word(word: &str) -> bool {
    ENGLISH.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_for_binary_search() {
        assert!(ENGLISH.windows(2).all(|w| w[0] < w[1]));
        assert!(SWEDISH.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn finds_function_words_only() {
        assert!(is_stop_word("the"));
        assert!(is_stop_word("it's"));
        assert!(!is_stop_word("hockey"));
        assert!(!is_stop_word(""));
        assert!(is_swedish_stop_word("och") && is_swedish_stop_word("på"));
        assert!(is_swedish_stop_word("över"));
        assert!(!is_swedish_stop_word("regeringen") && !is_swedish_stop_word("man"));
    }
}
