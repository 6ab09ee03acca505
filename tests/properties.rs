//! Invariants of every metric: bounded, symmetric, identity scores 1.

use neardup::features::Analyzer;
use neardup::metrics::similarity;
use neardup::{Comparer, Metric, Verdict};
use proptest::prelude::*;

/// Titles drawn from words that overlap often, with Unicode the pipeline must survive.
fn title() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("Trump".to_owned()),
        Just("hospital".to_owned()),
        Just("ship".to_owned()),
        Just("Greenland".to_owned()),
        Just("the".to_owned()),
        Just("2-1".to_owned()),
        Just("1980".to_owned()),
        Just("東京".to_owned()),
        Just("🔥".to_owned()),
        Just("مرحبا".to_owned()),
        Just("Cafe\u{301}".to_owned()),
        Just("—".to_owned()),
        Just("BREAKING:".to_owned()),
        "[a-zA-Z]{1,8}",
        "\\PC{1,4}",
    ];
    prop::collection::vec(word, 0..10).prop_map(|words| words.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_metric_is_symmetric_and_bounded(a in title(), b in title()) {
        let analyzer = Analyzer::default();
        let (ta, tb) = (analyzer.analyze(&a), analyzer.analyze(&b));
        for metric in Metric::ALL {
            let ab = similarity(metric, &ta, &tb);
            let ba = similarity(metric, &tb, &ta);
            prop_assert!((0.0..=1.0).contains(&ab), "{metric} = {ab}");
            prop_assert!((ab - ba).abs() < 1e-9, "{metric}: {ab} vs {ba}");
        }
    }

    #[test]
    fn a_title_is_identical_to_itself(a in title()) {
        let analyzer = Analyzer::default();
        let t = analyzer.analyze(&a);
        for metric in Metric::ALL {
            let s = similarity(metric, &t, &t);
            prop_assert!((s - 1.0).abs() < 1e-9, "{metric} = {s}");
        }
        prop_assert_eq!(Comparer::default().compare(&a, &a).verdict, Verdict::Exact);
    }

    #[test]
    fn the_verdict_does_not_depend_on_order(a in title(), b in title()) {
        let comparer = Comparer::default();
        let ab = comparer.compare(&a, &b);
        let ba = comparer.compare(&b, &a);
        prop_assert_eq!(ab.verdict, ba.verdict);
        prop_assert!((ab.combined - ba.combined).abs() < 1e-9);
    }

    #[test]
    fn the_batch_shortcut_agrees_with_the_full_verdict(a in title(), b in title()) {
        let comparer = Comparer::default();
        let (fa, fb) = (comparer.analyzer().features_of(&a), comparer.analyzer().features_of(&b));
        let (full, score) = comparer.verdict_of_features(&fa, &fb, false);
        for floor in [Verdict::Related, Verdict::Rewrite] {
            match comparer.verdict_at_least(&fa, &fb, floor) {
                Some((verdict, s)) => {
                    prop_assert_eq!(verdict, full);
                    prop_assert!((s - score).abs() < 1e-12);
                }
                None => prop_assert!(full < floor, "{full} dropped at {floor}"),
            }
        }
        let ceiling = comparer.weights().score_ceiling(&fa, &fb);
        prop_assert!(ceiling >= score, "ceiling {ceiling} below the score {score}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Any text normalizes without panicking, and every word of the result maps back to a
    /// slice of the original that starts and ends on character boundaries, in order.
    #[test]
    fn normalization_spans_stay_inside_the_original(text in "\\PC{0,40}|[ -~\u{2018}-\u{201F}\u{2013}\u{2014}\u{00A0}\u{200B}\u{0301}]{0,40}") {
        use neardup::normalize::{NormalizeOptions, normalize};
        use unicode_segmentation::UnicodeSegmentation;
        let normalized = normalize(&text, &NormalizeOptions::default());
        let mut previous_start = 0;
        for (at, word) in normalized.as_str().unicode_word_indices() {
            let span = normalized.original_range(at..at + word.len());
            prop_assert!(span.start <= span.end && span.end <= text.len(), "{span:?} in {text:?}");
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            prop_assert!(span.start >= previous_start, "words map back out of order in {text:?}");
            previous_start = span.start;
        }
    }

    /// Analysis and comparison never panic, whatever the text.
    #[test]
    fn any_text_can_be_compared(a in "\\PC{0,60}", b in "\\PC{0,60}") {
        let result = Comparer::default().compare(&a, &b);
        prop_assert!((0.0..=1.0).contains(&result.combined));
    }
}
