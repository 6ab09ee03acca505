//! Nationality adjectives and the places they name: "Chinese" keeps "China", "Iranian" keeps
//! "Iran", so a rewrite that says "backlash in China" for "Chinese uproar" drops no name.
//!
//! Regular forms are matched by their endings (a place ending in -a, -ia, -y, -e, -en, -o or
//! nothing, an adjective in -ian, -ean, -an, -ese, -i or -ish on the same root of four or more
//! letters); irregular ones ("Danish"/"Denmark", "French"/"France") are alias groups of the
//! lexicon, which users extend.

/// Endings a place name may have after the shared root ("Chin-a", "Ital-y", "Swed-en").
const PLACE_ENDINGS: &[&str] = &["", "ia", "a", "y", "e", "en", "o"];

/// Endings of a nationality adjective or its plural after the shared root.
const ADJECTIVE_ENDINGS: &[&str] = &[
    "ians", "ian", "eans", "ean", "ans", "an", "ese", "is", "i", "ish",
];

/// Roots shorter than this are too ambiguous to match on ("Cub-a").
const MIN_ROOT_CHARS: usize = 4;

fn roots<'a>(word: &'a str, endings: &'a [&'a str]) -> impl Iterator<Item = &'a str> + 'a {
    endings.iter().filter_map(move |e| {
        word.strip_suffix(e)
            .filter(|root| root.chars().count() >= MIN_ROOT_CHARS)
    })
}

/// Whether one lower-case word is the nationality adjective of the place the other names.
pub(crate) fn same_place(a: &str, b: &str) -> bool {
    let adjective_of = |adjective: &str, place: &str| {
        roots(adjective, ADJECTIVE_ENDINGS)
            .any(|root| roots(place, PLACE_ENDINGS).any(|r| r == root))
    };
    a != b && (adjective_of(a, b) || adjective_of(b, a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_nationality_adjectives_match_their_places() {
        for (adjective, place) in [
            ("chinese", "china"),
            ("iranian", "iran"),
            ("iraqi", "iraq"),
            ("italian", "italy"),
            ("swedish", "sweden"),
            ("ukrainians", "ukraine"),
            ("chilean", "chile"),
            ("taiwanese", "taiwan"),
        ] {
            assert!(same_place(adjective, place), "{adjective} / {place}");
            assert!(same_place(place, adjective), "{place} / {adjective}");
        }
    }

    #[test]
    fn other_words_and_short_roots_do_not() {
        for (a, b) in [
            ("indian", "indiana"),
            ("china", "china"),
            ("cuban", "cuba"),
            ("danish", "denmark"),
            ("spain", "spanish"),
            ("chinese", "chain"),
            ("roman", "romania"),
        ] {
            assert!(!same_place(a, b), "{a} / {b}");
        }
    }
}
