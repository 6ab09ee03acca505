//! Numbers: the facts a rewrite must not change.
//!
//! Two headlines can share every key word and still disagree on the one thing that matters:
//! the score, the year, the death toll, the amount. [`extract_numbers`] finds the numbers a
//! headline states, in digits or in words, with their kind and unit, as byte spans into the
//! *original* text (so reports can point at what the feed wrote). [`compare_numbers`] pairs
//! the numbers of two titles up.
//!
//! # What is recognized
//!
//! | kind | examples | `value` / `second` |
//! |---|---|---|
//! | [`NumberKind::Plain`] | `7`, `1,000`, `4.5`, `twenty-three`, `a million`, `2 million` | the number (scaled) |
//! | [`NumberKind::Year`] | `since 1980` (four digits, 1800–2100, no unit) | the year |
//! | [`NumberKind::Score`] | `2-1`, `3–2`, `110—98` (integers under 200) | first / second |
//! | [`NumberKind::Range`] | `10-20`, `10 to 20`, `between 5 and 7`, `18–25 years` | low / high |
//! | [`NumberKind::Percent`] | `4.5%`, `4.5 percent`, `12 per cent` | the percentage |
//! | [`NumberKind::Money`] | `$200 million`, `€1.2bn`, `£5m`, `$300k`, `40 dollars` | the amount (scaled) |
//! | [`NumberKind::Ordinal`] | `1st`, `21st`, `first`, `second`, `twenty-first` | the position |
//! | [`NumberKind::Duration`] | `43 years`, `5-day`, `90 minutes` | the count, `unit` = `year`… |
//! | [`NumberKind::Quantity`] | `5 km`, `5km`, `200 pounds`, `30 points` | the count, `unit` = `km`… |
//!
//! Word numbers (`one`…`twenty`, `thirty`…`ninety`, `hundred`, `dozen`, `thousand`,
//! `million`, `billion`, `trillion`, with `a` in front of a scale word) are matched
//! case-insensitively, so Title Case headlines work. The scale suffixes `bn`, `b`, `mn`, `m`,
//! `k`, `tn` count after a currency symbol; `bn` and `tn` count everywhere. Any dash (`-`,
//! `‑`, `–`, `—`, `−`) joins scores and ranges. A digit run glued to letters (`COVID-19`,
//! `G7`, `F-35`, `5G`) is part of a name, not a number.
//!
//! A dash between two integers under 200 is a [`NumberKind::Score`] when the first is at
//! least the second (`2-1`, `3-2 vote`), or when a losing word is near (`lose 1-3`);
//! otherwise it is a [`NumberKind::Range`] (`10-20`, `18-25`).
//!
//! # Matching rules of [`compare_numbers`]
//!
//! 1. **Shared:** the same kind family and the same value (and the same `second`), compared
//!    after scale words and suffixes are applied, so `$1.2 billion` = `$1,200 million` and
//!    `three` = `3`. Money also needs the same currency, quantities and durations the same
//!    unit. Mentions pair up left to right, each used once.
//! 2. **Changed:** what is left pairs up, left to right, with the first remaining mention of
//!    the same kind family (same unit for durations and quantities) on the other side: `3
//!    dead` → `4 dead`, `$5m` → `€5m`. A [`NumberKind::Year`] also pairs with a duration in
//!    years (`since 1980` → `in 43 years`): the same fact stated another way, which a rewrite
//!    must not do because the reader cannot check it.
//! 3. **Only left / only right:** everything still unpaired was dropped or added.

use std::ops::Range;

use serde::Serialize;

/// What kind of number a [`NumberMention`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NumberKind {
    /// A bare count or amount: `7`, `1,000`, `twenty`, `a million`.
    Plain,
    /// A four-digit year between 1800 and 2100 with no unit: `1980`.
    Year,
    /// A game or vote score: `2-1`; `value` is the first number, `second` the other.
    Score,
    /// A range: `10-20`, `10 to 20`; `value` is the low end, `second` the high end.
    Range,
    /// A percentage: `4.5%`, `4.5 percent`.
    Percent,
    /// An amount of money, scale applied: `$200 million` has value `2e8`.
    Money,
    /// A position: `1st`, `first`.
    Ordinal,
    /// A span of time with its unit: `43 years`.
    Duration,
    /// A measured quantity with its unit: `5 km`.
    Quantity,
}

impl NumberKind {
    /// The kebab-case name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            NumberKind::Plain => "number",
            NumberKind::Year => "year",
            NumberKind::Score => "score",
            NumberKind::Range => "range",
            NumberKind::Percent => "percentage",
            NumberKind::Money => "amount",
            NumberKind::Ordinal => "ordinal",
            NumberKind::Duration => "duration",
            NumberKind::Quantity => "quantity",
        }
    }
}

/// One number a title states.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumberMention {
    /// Byte range in the original text, scale words, units and currency included.
    pub span: Range<usize>,
    /// The original text of `span`.
    pub text: String,
    /// What kind of number it is.
    pub kind: NumberKind,
    /// The value, scale applied (`$1.2bn` is `1.2e9`); the low end of a range, the first
    /// number of a score.
    pub value: f64,
    /// The high end of a range or the second number of a score.
    pub second: Option<f64>,
    /// The canonical unit (`year`, `km`, `lb`, `point`…) of durations, quantities and ranges.
    pub unit: Option<String>,
    /// The currency code (`USD`, `EUR`, `GBP`, `JPY`…) of money.
    pub currency: Option<String>,
}

/// How the numbers of two titles pair up; every entry is an index into the inputs of
/// [`compare_numbers`] (left first).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NumberComparison {
    /// Pairs stating the same value.
    pub shared: Vec<(usize, usize)>,
    /// Pairs of the same kind stating different values.
    pub changed: Vec<(usize, usize)>,
    /// Left mentions with no counterpart (dropped by the right title).
    pub only_left: Vec<usize>,
    /// Right mentions with no counterpart (added by the right title).
    pub only_right: Vec<usize>,
}

impl NumberComparison {
    /// Whether both titles state the same numbers.
    pub fn agrees(&self) -> bool {
        self.changed.is_empty() && self.only_left.is_empty() && self.only_right.is_empty()
    }
}

/// Pair up the numbers of two titles (see the module documentation for the rules).
pub fn compare_numbers(left: &[NumberMention], right: &[NumberMention]) -> NumberComparison {
    let mut used_left = vec![false; left.len()];
    let mut used_right = vec![false; right.len()];
    let mut out = NumberComparison::default();
    let mut pass = |pairs: &mut Vec<(usize, usize)>,
                    fits: &dyn Fn(&NumberMention, &NumberMention) -> bool| {
        for (i, l) in left.iter().enumerate() {
            if used_left[i] {
                continue;
            }
            if let Some(j) = (0..right.len()).find(|&j| !used_right[j] && fits(l, &right[j])) {
                used_left[i] = true;
                used_right[j] = true;
                pairs.push((i, j));
            }
        }
    };
    pass(&mut out.shared, &|l, r| {
        same_family(l, r) && same_value(l, r)
    });
    pass(&mut out.changed, &|l, r| {
        same_family(l, r) || (l.kind == NumberKind::Money && r.kind == NumberKind::Money)
    });
    pass(&mut out.changed, &|l, r| {
        year_and_years(l, r) || year_and_years(r, l)
    });
    out.only_left = (0..left.len()).filter(|&i| !used_left[i]).collect();
    out.only_right = (0..right.len()).filter(|&j| !used_right[j]).collect();
    out
}

/// Same kind, and the same unit and currency where those matter.
fn same_family(l: &NumberMention, r: &NumberMention) -> bool {
    l.kind == r.kind && l.unit == r.unit && l.currency == r.currency
}

fn year_and_years(year: &NumberMention, duration: &NumberMention) -> bool {
    year.kind == NumberKind::Year
        && duration.kind == NumberKind::Duration
        && duration.unit.as_deref() == Some("year")
}

fn same_value(l: &NumberMention, r: &NumberMention) -> bool {
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0);
    close(l.value, r.value)
        && match (l.second, r.second) {
            (Some(a), Some(b)) => close(a, b),
            (None, None) => true,
            _ => false,
        }
}

/// Find the numbers `text` states, in reading order (see the module documentation).
pub fn extract_numbers(text: &str) -> Vec<NumberMention> {
    if may_state_numbers(text) {
        parse_numbers(text)
    } else {
        Vec::new()
    }
}

/// Whether `text` holds anything a mention can start with: an ASCII digit, a currency
/// symbol, or a word that starts a number (see [`starts_a_number`]). Most headlines hold
/// none, and this check costs far less than tokenizing them. A word token of [`tokenize`]
/// is a whole run of letters (or holds an apostrophe, and then starts nothing), so checking
/// each run of letters misses no mention.
fn may_state_numbers(text: &str) -> bool {
    if text
        .chars()
        .any(|c| c.is_ascii_digit() || currency_symbol(c).is_some())
    {
        return true;
    }
    let mut lower = [0u8; LONGEST_NUMBER_WORD];
    text.split(|c: char| !c.is_alphabetic()).any(|run| {
        if !run.is_ascii() {
            starts_a_number(&run.to_lowercase())
        } else if run.len() <= LONGEST_NUMBER_WORD {
            let lower = &mut lower[..run.len()];
            lower.copy_from_slice(run.as_bytes());
            lower.make_ascii_lowercase();
            std::str::from_utf8(lower).is_ok_and(starts_a_number)
        } else {
            false
        }
    })
}

/// Bytes in the longest word [`starts_a_number`] accepts ("seventeenth").
const LONGEST_NUMBER_WORD: usize = 11;

/// Whether a lower-case word can start a mention: a number or ordinal word, or a scale word
/// (which "a million", "a dozen" start with `a`).
fn starts_a_number(word: &str) -> bool {
    small_word(word).is_some()
        || ordinal_word(word).is_some()
        || scale_word(word).is_some()
        || word == "dozen"
}

/// [`extract_numbers`] without its quick check.
fn parse_numbers(text: &str) -> Vec<NumberMention> {
    let tokens = tokenize(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !may_start_a_mention(&tokens[i].tok) {
            i += 1;
            continue;
        }
        match parse_mention(text, &tokens, i) {
            // A scale can carry a finite number past f64 ("9…9 trillion" with 300 digits):
            // an infinite value equals nothing, not even itself, so it is no mention.
            Some((mention, next))
                if mention.value.is_finite() && mention.second.is_none_or(f64::is_finite) =>
            {
                out.push(mention);
                i = next;
            }
            _ => i += 1,
        }
    }
    out
}

/// Whether [`parse_mention`] can find a mention starting at this token: digits, a currency
/// symbol, a word that starts a number, or the `a` of "a million".
fn may_start_a_mention(tok: &Tok) -> bool {
    match tok {
        Tok::Digits { .. } => true,
        Tok::Sym(c) => currency_symbol(*c).is_some(),
        Tok::Word(word) => word == "a" || starts_a_number(word),
        Tok::Name => false,
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A digit run: value, whether it is a bare integer (no separators, no decimals), its
    /// digit count, and a glued letter suffix (lower case) if any.
    Digits {
        value: f64,
        bare: bool,
        integer: bool,
        digits: usize,
        suffix: Option<String>,
    },
    /// A digit run glued to a name (`COVID-19`, `G7`, `5G`): never a number.
    Name,
    /// A word, lower case.
    Word(String),
    /// Any other character.
    Sym(char),
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    span: Range<usize>,
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}')
}

fn tokenize(text: &str) -> Vec<Token> {
    // Both sized once: growing them piece by piece showed up under perf.
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(text.len());
    chars.extend(text.char_indices());
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |&(at, _)| at);
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 4 + 4);
    let mut k = 0;
    while k < chars.len() {
        let (start, c) = chars[k];
        if c.is_whitespace() {
            k += 1;
        } else if c.is_ascii_digit() {
            let mut digits = String::with_capacity(16);
            let mut bare = true;
            let mut integer = true;
            let mut n = 0;
            while k < chars.len() {
                let ch = chars[k].1;
                let digit_at =
                    |o: usize| chars.get(k + o).is_some_and(|&(_, d)| d.is_ascii_digit());
                if ch.is_ascii_digit() {
                    digits.push(ch);
                    n += 1;
                    k += 1;
                } else if ch == ','
                    && integer
                    && digit_at(1)
                    && digit_at(2)
                    && digit_at(3)
                    && !digit_at(4)
                {
                    bare = false;
                    k += 1;
                } else if ch == '.' && integer && digit_at(1) {
                    digits.push('.');
                    bare = false;
                    integer = false;
                    k += 1;
                } else {
                    break;
                }
            }
            let mut suffix = String::new();
            while k < chars.len() && chars[k].1.is_alphabetic() {
                suffix.extend(chars[k].1.to_lowercase());
                k += 1;
            }
            // A digit run glued to a name before it: "G7", "COVID-19", "F-35".
            let before = |o: usize| {
                start_index(&chars, start)
                    .checked_sub(o)
                    .map(|p| chars[p].1)
            };
            let glued = before(1).is_some_and(char::is_alphabetic)
                || (before(1).is_some_and(is_dash) && before(2).is_some_and(char::is_alphabetic));
            let known_suffix = suffix.is_empty() || is_number_suffix(&suffix);
            let value: f64 = digits.parse().unwrap_or(0.0);
            // A run of over 300 digits is past f64 (infinite): an identifier, not a quantity.
            let tok = if glued || !known_suffix || !value.is_finite() {
                Tok::Name
            } else {
                Tok::Digits {
                    value,
                    bare,
                    integer,
                    digits: n,
                    suffix: (!suffix.is_empty()).then_some(suffix),
                }
            };
            tokens.push(Token {
                tok,
                span: start..end_of(k),
            });
        } else if c.is_alphabetic() {
            let mut word = String::with_capacity(16);
            while k < chars.len() {
                let ch = chars[k].1;
                let inner_apostrophe = is_apostrophe(ch)
                    && !word.is_empty()
                    && chars.get(k + 1).is_some_and(|&(_, d)| d.is_alphabetic());
                if ch.is_alphabetic() || inner_apostrophe {
                    word.extend(ch.to_lowercase());
                    k += 1;
                } else if ch.is_ascii_digit() {
                    // "5G"-style names are caught by the digit branch; "B52" here.
                    while k < chars.len() && chars[k].1.is_alphanumeric() {
                        k += 1;
                    }
                    word.clear();
                    break;
                } else {
                    break;
                }
            }
            let tok = if word.is_empty() {
                Tok::Name
            } else {
                Tok::Word(word)
            };
            tokens.push(Token {
                tok,
                span: start..end_of(k),
            });
        } else {
            k += 1;
            tokens.push(Token {
                tok: Tok::Sym(c),
                span: start..end_of(k),
            });
        }
    }
    tokens
}

fn start_index(chars: &[(usize, char)], byte: usize) -> usize {
    chars.partition_point(|&(at, _)| at < byte)
}

fn is_number_suffix(suffix: &str) -> bool {
    matches!(suffix, "st" | "nd" | "rd" | "th")
        || suffix_scale(suffix).is_some()
        || unit(suffix).is_some()
        || suffix == "m"
        || suffix == "k"
}

/// Scale suffixes that count after any number.
fn suffix_scale(suffix: &str) -> Option<f64> {
    match suffix {
        "bn" => Some(1e9),
        "tn" | "trn" => Some(1e12),
        _ => None,
    }
}

/// Scale suffixes that count after a currency symbol.
fn money_suffix_scale(suffix: &str) -> Option<f64> {
    match suffix {
        "k" => Some(1e3),
        "m" | "mn" | "mln" => Some(1e6),
        "b" | "bn" | "bln" => Some(1e9),
        "t" | "tn" | "trn" => Some(1e12),
        _ => None,
    }
}

fn scale_word(word: &str) -> Option<f64> {
    match word {
        "hundred" => Some(1e2),
        "thousand" => Some(1e3),
        "million" | "mn" => Some(1e6),
        "billion" | "bn" => Some(1e9),
        "trillion" | "tn" => Some(1e12),
        _ => None,
    }
}

fn small_word(word: &str) -> Option<f64> {
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    const TENS: [&str; 7] = [
        "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(n) = WORDS.iter().position(|w| *w == word) {
        return Some(n as f64);
    }
    TENS.iter()
        .position(|w| *w == word)
        .map(|n| (n as f64 + 3.0) * 10.0)
}

fn ordinal_word(word: &str) -> Option<f64> {
    const WORDS: [&str; 20] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    const TENS: [&str; 7] = [
        "thirtieth",
        "fortieth",
        "fiftieth",
        "sixtieth",
        "seventieth",
        "eightieth",
        "ninetieth",
    ];
    if let Some(n) = WORDS.iter().position(|w| *w == word) {
        return Some(n as f64 + 1.0);
    }
    if let Some(n) = TENS.iter().position(|w| *w == word) {
        return Some((n as f64 + 3.0) * 10.0);
    }
    match word {
        "hundredth" => Some(1e2),
        "thousandth" => Some(1e3),
        "millionth" => Some(1e6),
        _ => None,
    }
}

/// The canonical unit of a unit word, and whether it measures time.
fn unit(word: &str) -> Option<(&'static str, bool)> {
    let found = match word {
        "year" | "years" | "yr" | "yrs" => ("year", true),
        "month" | "months" => ("month", true),
        "week" | "weeks" => ("week", true),
        "day" | "days" => ("day", true),
        "hour" | "hours" | "hr" | "hrs" => ("hour", true),
        "minute" | "minutes" | "min" | "mins" => ("minute", true),
        "second" | "seconds" | "sec" | "secs" => ("second", true),
        "decade" | "decades" => ("decade", true),
        "century" | "centuries" => ("century", true),
        "km" | "kms" | "kilometer" | "kilometers" | "kilometre" | "kilometres" => ("km", false),
        "mile" | "miles" => ("mile", false),
        "meter" | "meters" | "metre" | "metres" => ("m", false),
        "cm" | "centimeter" | "centimeters" | "centimetre" | "centimetres" => ("cm", false),
        "mm" | "millimeter" | "millimeters" | "millimetre" | "millimetres" => ("mm", false),
        "ft" | "foot" | "feet" => ("ft", false),
        "inch" | "inches" => ("inch", false),
        "kg" | "kilogram" | "kilograms" | "kilo" | "kilos" => ("kg", false),
        "lb" | "lbs" | "pound" | "pounds" => ("lb", false),
        "ton" | "tons" => ("ton", false),
        "tonne" | "tonnes" => ("tonne", false),
        "mph" => ("mph", false),
        "kph" | "kmh" => ("kmh", false),
        "degree" | "degrees" => ("degree", false),
        "acre" | "acres" => ("acre", false),
        "hectare" | "hectares" => ("hectare", false),
        "gallon" | "gallons" => ("gallon", false),
        "liter" | "liters" | "litre" | "litres" => ("liter", false),
        "barrel" | "barrels" => ("barrel", false),
        "point" | "points" | "pts" => ("point", false),
        "gb" => ("gb", false),
        "tb" => ("tb", false),
        "mw" => ("mw", false),
        "gw" => ("gw", false),
        "kw" => ("kw", false),
        "kwh" => ("kwh", false),
        _ => return None,
    };
    Some(found)
}

fn currency_symbol(c: char) -> Option<&'static str> {
    match c {
        '$' => Some("USD"),
        '€' => Some("EUR"),
        '£' => Some("GBP"),
        '¥' => Some("JPY"),
        '₹' => Some("INR"),
        '₩' => Some("KRW"),
        _ => None,
    }
}

fn currency_word(word: &str) -> Option<&'static str> {
    match word {
        "dollar" | "dollars" | "usd" => Some("USD"),
        "euro" | "euros" | "eur" => Some("EUR"),
        "sterling" | "gbp" => Some("GBP"),
        "yen" | "jpy" => Some("JPY"),
        "yuan" | "renminbi" | "cny" => Some("CNY"),
        "rupee" | "rupees" | "inr" => Some("INR"),
        _ => None,
    }
}

/// Words near a low-high pair that make it a lost score rather than a range.
const LOSING_WORDS: &[&str] = &[
    "lose", "loses", "lost", "losing", "fall", "falls", "fell", "beaten", "defeated", "draw",
    "draws", "drew", "tie", "ties", "tied", "trail", "trails", "trailing", "vote", "votes",
    "voted", "score", "scores", "win", "wins", "won", "beat", "beats", "victory", "defeat", "loss",
];

/// A cardinal number: digits or words, scale applied.
#[derive(Debug, Clone)]
struct Cardinal {
    value: f64,
    /// Token index range.
    tokens: Range<usize>,
    /// Written in digits with no separator, decimal or scale (year candidates).
    bare_digits: Option<usize>,
    integer: bool,
    /// A glued suffix not yet consumed (a unit or a money scale).
    suffix: Option<String>,
}

fn word_at(tokens: &[Token], i: usize) -> Option<&str> {
    match tokens.get(i).map(|t| &t.tok) {
        Some(Tok::Word(w)) => Some(w.as_str()),
        _ => None,
    }
}

fn sym_at(tokens: &[Token], i: usize) -> Option<char> {
    match tokens.get(i).map(|t| &t.tok) {
        Some(Tok::Sym(c)) => Some(*c),
        _ => None,
    }
}

fn adjacent(tokens: &[Token], i: usize) -> bool {
    i > 0 && i < tokens.len() && tokens[i - 1].span.end == tokens[i].span.start
}

/// Parse a cardinal starting at token `i`.
fn cardinal(tokens: &[Token], i: usize) -> Option<Cardinal> {
    match &tokens.get(i)?.tok {
        Tok::Digits {
            value,
            bare,
            integer,
            digits,
            suffix,
        } => {
            let mut value = *value;
            let mut end = i + 1;
            let mut suffix = suffix.clone();
            let mut scaled = false;
            if let Some(scale) = suffix.as_deref().and_then(suffix_scale) {
                value *= scale;
                suffix = None;
                scaled = true;
            } else if let Some(scale) = word_at(tokens, end)
                .and_then(scale_word)
                .filter(|_| suffix.is_none())
            {
                value *= scale;
                end += 1;
                scaled = true;
            }
            Some(Cardinal {
                value,
                tokens: i..end,
                bare_digits: (*bare && !scaled && suffix.is_none()).then_some(*digits),
                integer: *integer && !scaled,
                suffix,
            })
        }
        Tok::Word(_) => word_cardinal(tokens, i),
        _ => None,
    }
}

/// Number words: "twenty-three", "a million", "two dozen", "one hundred and five".
fn word_cardinal(tokens: &[Token], i: usize) -> Option<Cardinal> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut seen = false;
    let mut last_small: Option<f64> = None;
    let mut j = i;
    let mut end = i;
    if word_at(tokens, i) == Some("a")
        && word_at(tokens, i + 1).is_some_and(|w| scale_word(w).is_some() || w == "dozen")
    {
        current = 1.0;
        j = i + 1;
    }
    while let Some(word) = word_at(tokens, j) {
        if let Some(n) = small_word(word) {
            // "twenty three" and "twenty-three", but not "five six".
            let follows = match last_small {
                None => true,
                Some(tens) => tens >= 20.0 && tens % 10.0 == 0.0 && n < 10.0,
            };
            if seen && !follows {
                break;
            }
            current += n;
            last_small = Some(n);
        } else if word == "dozen" && (seen || current > 0.0) {
            current = current.max(1.0) * 12.0;
            last_small = None;
        } else if let Some(scale) = scale_word(word).filter(|_| seen || current > 0.0) {
            if scale == 100.0 {
                current = current.max(1.0) * 100.0;
            } else {
                total += current.max(1.0) * scale;
                current = 0.0;
            }
            last_small = None;
        } else {
            break;
        }
        seen = true;
        end = j + 1;
        j += 1;
        // Joiners: a hyphen inside "twenty-three", "and" inside "one hundred and five".
        let next_is_number = |k: usize| word_at(tokens, k).is_some_and(|w| small_word(w).is_some());
        let hyphen = sym_at(tokens, j).is_some_and(is_dash)
            && adjacent(tokens, j)
            && adjacent(tokens, j + 1);
        let and = word_at(tokens, j) == Some("and") && current >= 100.0;
        if (hyphen || and) && next_is_number(j + 1) {
            j += 1;
        }
    }
    if !seen {
        return None;
    }
    Some(Cardinal {
        value: total + current,
        tokens: i..end,
        bare_digits: None,
        integer: true,
        suffix: None,
    })
}

fn mention(
    text: &str,
    tokens: &[Token],
    range: Range<usize>,
    kind: NumberKind,
    value: f64,
) -> NumberMention {
    let span = tokens[range.start].span.start..tokens[range.end - 1].span.end;
    NumberMention {
        text: text.get(span.clone()).unwrap_or("").to_owned(),
        span,
        kind,
        value,
        second: None,
        unit: None,
        currency: None,
    }
}

/// A dash between two numbers, spaces allowed: returns the index after the dash.
fn dash_after(tokens: &[Token], end: usize) -> Option<usize> {
    sym_at(tokens, end).filter(|&c| is_dash(c)).map(|_| end + 1)
}

/// A currency symbol and an amount: "$200 million", "€1.2bn", "$10-20 million".
fn money(text: &str, tokens: &[Token], i: usize) -> Option<(NumberMention, usize)> {
    let currency = currency_symbol(sym_at(tokens, i)?)?;
    let amount = |at: usize| -> Option<(f64, usize)> {
        let c = cardinal(tokens, at)?;
        let mut value = c.value;
        let mut end = c.tokens.end;
        match c.suffix.as_deref() {
            Some(s) => value *= money_suffix_scale(s)?,
            None => {
                if let Some(s) = word_at(tokens, end).and_then(money_suffix_scale) {
                    value *= s;
                    end += 1;
                }
            }
        }
        Some((value, end))
    };
    let (value, mut end) = amount(i + 1)?;
    let mut second = None;
    if let Some(after) =
        dash_after(tokens, end).or_else(|| (word_at(tokens, end) == Some("to")).then_some(end + 1))
    {
        let at = if sym_at(tokens, after).and_then(currency_symbol).is_some() {
            after + 1
        } else {
            after
        };
        if let Some((high, high_end)) = amount(at) {
            // "$10-20 million": the scale of the high end applies to both.
            let low = if high_end > at + 1 && value < high / 1000.0 {
                let raw = match tokens.get(at).map(|t| &t.tok) {
                    Some(Tok::Digits { value, .. }) if *value > 0.0 => *value,
                    _ => high,
                };
                value * (high / raw)
            } else {
                value
            };
            second = Some((low, high));
            end = high_end;
        }
    }
    let mut m = mention(text, tokens, i..end, NumberKind::Money, value);
    if let Some((low, high)) = second {
        m.value = low;
        m.second = Some(high);
    }
    m.currency = Some(currency.to_owned());
    Some((m, end))
}

/// A unit after a number: glued ("5km"), spaced ("5 km"), or hyphenated ("5-day").
fn unit_after(tokens: &[Token], c: &Cardinal) -> Option<(&'static str, bool, usize)> {
    if let Some(s) = c.suffix.as_deref() {
        return unit(s)
            .or_else(|| (s == "m").then_some(("m", false)))
            .map(|(u, t)| (u, t, c.tokens.end));
    }
    let end = c.tokens.end;
    if let Some(found) = word_at(tokens, end).and_then(unit) {
        return Some((found.0, found.1, end + 1));
    }
    let hyphenated = sym_at(tokens, end).is_some_and(is_dash)
        && adjacent(tokens, end)
        && adjacent(tokens, end + 1);
    if let Some(found) = word_at(tokens, end + 1)
        .and_then(unit)
        .filter(|_| hyphenated)
    {
        // "43-year-old": the "-old" belongs to the unit.
        let mut stop = end + 2;
        if sym_at(tokens, stop).is_some_and(is_dash) && word_at(tokens, stop + 1) == Some("old") {
            stop += 2;
        }
        return Some((found.0, found.1, stop));
    }
    None
}

fn percent_after(tokens: &[Token], end: usize) -> Option<usize> {
    if sym_at(tokens, end) == Some('%') {
        return Some(end + 1);
    }
    match word_at(tokens, end)? {
        "percent" | "pct" => Some(end + 1),
        "per" if word_at(tokens, end + 1) == Some("cent") => Some(end + 2),
        _ => None,
    }
}

fn parse_mention(text: &str, tokens: &[Token], i: usize) -> Option<(NumberMention, usize)> {
    if let Some(found) = money(text, tokens, i) {
        return Some(found);
    }
    if let Some(found) = ordinal(text, tokens, i) {
        return Some(found);
    }
    let first = cardinal(tokens, i)?;
    let mut end = first.tokens.end;

    // Ranges and scores: "10-20", "2–1", "10 to 20", "between 5 and 7".
    let joined = if first.suffix.is_none() {
        dash_after(tokens, end)
            .or_else(|| (word_at(tokens, end) == Some("to")).then_some(end + 1))
            .or_else(|| {
                let between = i > 0 && word_at(tokens, i - 1) == Some("between");
                (between && word_at(tokens, end) == Some("and")).then_some(end + 1)
            })
    } else {
        None
    };
    if let Some(high) = joined.and_then(|after| cardinal(tokens, after)) {
        let by_dash = sym_at(tokens, end).is_some_and(is_dash);
        let tail_unit = unit_after(tokens, &high);
        let tail_percent = if high.suffix.is_none() {
            percent_after(tokens, high.tokens.end)
        } else {
            None
        };
        end = high.tokens.end;
        let small = |c: &Cardinal| c.integer && c.bare_digits.is_some() && c.value < 200.0;
        let losing = {
            let from = i.saturating_sub(3);
            (from..(end + 2).min(tokens.len()))
                .any(|k| word_at(tokens, k).is_some_and(|w| LOSING_WORDS.contains(&w)))
        };
        let is_score = by_dash
            && small(&first)
            && small(&high)
            && tail_unit.is_none()
            && tail_percent.is_none()
            && (first.value >= high.value || losing);
        let kind = if is_score {
            NumberKind::Score
        } else {
            NumberKind::Range
        };
        let mut unit_name = None;
        if let Some(stop) = tail_percent {
            end = stop;
            unit_name = Some("percent");
        } else if let Some((u, _, stop)) = tail_unit {
            end = stop;
            unit_name = Some(u);
        }
        let mut m = mention(text, tokens, i..end, kind, first.value);
        m.second = Some(high.value);
        m.unit = unit_name.map(str::to_owned);
        return Some((m, end));
    }

    if let Some(stop) = percent_after(tokens, end).filter(|_| first.suffix.is_none()) {
        return Some((
            mention(text, tokens, i..stop, NumberKind::Percent, first.value),
            stop,
        ));
    }
    if let Some(code) = word_at(tokens, end)
        .and_then(currency_word)
        .filter(|_| first.suffix.is_none())
    {
        let mut m = mention(text, tokens, i..end + 1, NumberKind::Money, first.value);
        m.currency = Some(code.to_owned());
        return Some((m, end + 1));
    }
    if let Some((u, time, stop)) = unit_after(tokens, &first) {
        let kind = if time {
            NumberKind::Duration
        } else {
            NumberKind::Quantity
        };
        let mut m = mention(text, tokens, i..stop, kind, first.value);
        m.unit = Some(u.to_owned());
        return Some((m, stop));
    }
    if first.suffix.is_some() {
        // "$"-less "5k": a scale suffix that only counts after a currency.
        let value = first.value
            * first
                .suffix
                .as_deref()
                .and_then(money_suffix_scale)
                .unwrap_or(1.0);
        return Some((mention(text, tokens, i..end, NumberKind::Plain, value), end));
    }
    let year = first.bare_digits == Some(4) && (1800.0..=2100.0).contains(&first.value);
    let kind = if year {
        NumberKind::Year
    } else {
        NumberKind::Plain
    };
    end = end.max(first.tokens.end);
    Some((mention(text, tokens, i..end, kind, first.value), end))
}

/// "1st", "21st", "first", "twenty-first".
fn ordinal(text: &str, tokens: &[Token], i: usize) -> Option<(NumberMention, usize)> {
    match &tokens.get(i)?.tok {
        Tok::Digits {
            value,
            integer: true,
            suffix: Some(s),
            ..
        } if matches!(s.as_str(), "st" | "nd" | "rd" | "th") => Some((
            mention(text, tokens, i..i + 1, NumberKind::Ordinal, *value),
            i + 1,
        )),
        Tok::Word(w) => {
            if let Some(n) = ordinal_word(w) {
                return Some((
                    mention(text, tokens, i..i + 1, NumberKind::Ordinal, n),
                    i + 1,
                ));
            }
            // "twenty-first": a tens word, a hyphen, an ordinal word.
            let tens = small_word(w).filter(|n| *n >= 20.0 && n % 10.0 == 0.0)?;
            let dash = sym_at(tokens, i + 1).is_some_and(is_dash)
                && adjacent(tokens, i + 1)
                && adjacent(tokens, i + 2);
            let unit = word_at(tokens, i + 2)
                .and_then(ordinal_word)
                .filter(|n| *n < 10.0)?;
            dash.then(|| {
                (
                    mention(text, tokens, i..i + 3, NumberKind::Ordinal, tens + unit),
                    i + 3,
                )
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> NumberMention {
        let found = extract_numbers(text);
        assert_eq!(found.len(), 1, "{text}: {found:#?}");
        found.into_iter().next().unwrap_or_else(|| unreachable!())
    }

    fn kinds(text: &str) -> Vec<(NumberKind, f64)> {
        extract_numbers(text)
            .into_iter()
            .map(|m| (m.kind, m.value))
            .collect()
    }

    /// Regression (found by the `numbers` fuzz target): a run of 361 digits parsed to an
    /// infinite value, and an infinite value differs from itself (inf - inf is NaN), so a
    /// title compared with itself stated a "changed" number.
    #[test]
    fn a_digit_run_past_f64_is_no_infinite_number() {
        let long = "5".repeat(361);
        let title = format!("Flight {long} lands");
        let found = extract_numbers(&title);
        assert!(found.is_empty(), "{found:?}");
        assert!(compare_numbers(&found, &extract_numbers(&title)).agrees());
        // The fuzzer's input: the digits, then a number after a `#`.
        let input = format!("{long}#5555551,");
        let found = extract_numbers(&input);
        assert!(found.iter().all(|m| m.value.is_finite()), "{found:?}");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].value, 5_555_551.0);
        // The largest run that still fits is a number.
        assert!(one(&format!("{} fans", "9".repeat(300))).value.is_finite());
    }

    /// Regression: a scale word carried a finite number past f64 into an infinite value.
    #[test]
    fn a_scaled_number_past_f64_is_no_mention() {
        let title = format!("Debt hits ${} trillion", "9".repeat(300));
        let found = extract_numbers(&title);
        assert!(
            found
                .iter()
                .all(|m| m.value.is_finite() && m.second.is_none_or(f64::is_finite)),
            "{found:?}"
        );
        assert!(compare_numbers(&found, &extract_numbers(&title)).agrees());
    }

    #[test]
    fn plain_numbers_with_separators_and_decimals() {
        let m = one("Storm leaves 1,000 without power");
        assert_eq!(
            (m.kind, m.value, m.text.as_str()),
            (NumberKind::Plain, 1000.0, "1,000")
        );
        assert_eq!(one("Rates at 4.5 again").value, 4.5);
        assert_eq!(one("1,250,000 doses shipped").value, 1_250_000.0);
        assert_eq!(
            kinds("In 2, 3 hours"),
            [(NumberKind::Plain, 2.0), (NumberKind::Duration, 3.0)]
        );
    }

    #[test]
    fn word_numbers_are_case_insensitive() {
        assert_eq!(one("Twenty-Three Killed In Blast").value, 23.0);
        assert_eq!(one("twenty three killed").value, 23.0);
        assert_eq!(one("Seven Dead After Storm").value, 7.0);
        assert_eq!(one("A Million Fans").value, 1e6);
        assert_eq!(one("a dozen eggs").value, 12.0);
        assert_eq!(one("two dozen eggs").value, 24.0);
        assert_eq!(one("three hundred thousand march").value, 300_000.0);
        assert_eq!(one("one hundred and five").value, 105.0);
        assert_eq!(kinds("a man and a dog"), []);
    }

    #[test]
    fn years_only_without_units() {
        assert_eq!(
            kinds("first title since 1980"),
            [(NumberKind::Ordinal, 1.0), (NumberKind::Year, 1980.0)]
        );
        assert_eq!(kinds("since 1980"), [(NumberKind::Year, 1980.0)]);
        assert_eq!(kinds("2,000 fans"), [(NumberKind::Plain, 2000.0)]);
        assert_eq!(kinds("Boeing 1700"), [(NumberKind::Plain, 1700.0)]);
        assert_eq!(kinds("in 2100"), [(NumberKind::Year, 2100.0)]);
    }

    #[test]
    fn scores_with_any_dash() {
        for text in [
            "US beats Canada 2-1",
            "US beats Canada 2–1",
            "US beats Canada 2—1",
            "2 - 1 win",
        ] {
            let m = one(text);
            assert_eq!(
                (m.kind, m.value, m.second),
                (NumberKind::Score, 2.0, Some(1.0)),
                "{text}"
            );
        }
        assert_eq!(one("Mets lose 1-3 to Braves").kind, NumberKind::Score);
        assert_eq!(one("Knicks win 110-98").second, Some(98.0));
    }

    #[test]
    fn ranges() {
        let m = one("10-20 hostages freed");
        assert_eq!(
            (m.kind, m.value, m.second),
            (NumberKind::Range, 10.0, Some(20.0))
        );
        let m = one("10 to 20 hostages");
        assert_eq!((m.kind, m.second), (NumberKind::Range, Some(20.0)));
        let m = one("between 5 and 7 storms");
        assert_eq!(
            (m.kind, m.value, m.second),
            (NumberKind::Range, 5.0, Some(7.0))
        );
        let m = one("ages 18–25 years");
        assert_eq!(
            (m.kind, m.unit.as_deref()),
            (NumberKind::Range, Some("year"))
        );
        let m = one("up 10-20%");
        assert_eq!(m.unit.as_deref(), Some("percent"));
        let m = one("2024-25 season");
        assert_eq!(
            (m.kind, m.value, m.second),
            (NumberKind::Range, 2024.0, Some(25.0))
        );
    }

    #[test]
    fn percentages() {
        for text in ["up 4.5%", "up 4.5 percent", "up 4.5 per cent", "up 4.5 pct"] {
            let m = one(text);
            assert_eq!((m.kind, m.value), (NumberKind::Percent, 4.5), "{text}");
        }
        assert_eq!(one("Five Percent Drop").value, 5.0);
    }

    #[test]
    fn money_with_scales_and_currencies() {
        let m = one("Deal worth $200 million");
        assert_eq!(
            (m.kind, m.value, m.currency.as_deref()),
            (NumberKind::Money, 2e8, Some("USD"))
        );
        assert_eq!(m.text, "$200 million");
        let m = one("€1.2bn fine");
        assert_eq!((m.value, m.currency.as_deref()), (1.2e9, Some("EUR")));
        assert_eq!(one("$1.2 billion").value, 1.2e9);
        assert_eq!(one("£5m").value, 5e6);
        assert_eq!(one("$300k salary").value, 3e5);
        assert_eq!(one("40 dollars").currency.as_deref(), Some("USD"));
        let m = one("$10-20 million");
        assert_eq!((m.value, m.second), (1e7, Some(2e7)));
    }

    #[test]
    fn ordinals_are_their_own_kind() {
        assert_eq!(
            kinds("1st 2nd 3rd 21st"),
            [
                (NumberKind::Ordinal, 1.0),
                (NumberKind::Ordinal, 2.0),
                (NumberKind::Ordinal, 3.0),
                (NumberKind::Ordinal, 21.0)
            ]
        );
        assert_eq!(
            kinds("First Win, Second Term"),
            [(NumberKind::Ordinal, 1.0), (NumberKind::Ordinal, 2.0)]
        );
        assert_eq!(kinds("twenty-first century"), [(NumberKind::Ordinal, 21.0)]);
        assert_eq!(kinds("30 seconds"), [(NumberKind::Duration, 30.0)]);
    }

    #[test]
    fn durations_and_quantities() {
        let m = one("Gold in 43 Years");
        assert_eq!(
            (m.kind, m.value, m.unit.as_deref(), m.text.as_str()),
            (NumberKind::Duration, 43.0, Some("year"), "43 Years")
        );
        let m = one("a 43-year-old man");
        assert_eq!(
            (m.kind, m.text.as_str()),
            (NumberKind::Duration, "43-year-old")
        );
        let m = one("5 km run");
        assert_eq!(
            (m.kind, m.unit.as_deref()),
            (NumberKind::Quantity, Some("km"))
        );
        assert_eq!(one("5km run").unit.as_deref(), Some("km"));
        assert_eq!(one("five kilometres").unit.as_deref(), Some("km"));
        assert_eq!(one("scores 40 points").unit.as_deref(), Some("point"));
    }

    #[test]
    fn names_with_digits_are_not_numbers() {
        for text in [
            "COVID-19 cases rise",
            "G7 leaders meet",
            "F-35 crash",
            "5G rollout",
            "B52 flyover",
        ] {
            assert_eq!(kinds(text), [], "{text}");
        }
        assert!(extract_numbers("").is_empty());
        assert!(extract_numbers("🔥 东京 مرحبا").is_empty());
    }

    #[test]
    fn spans_point_into_the_original() {
        let text = "Café owner wins €1.2bn — in 43 Years";
        for m in extract_numbers(text) {
            assert_eq!(&text[m.span.clone()], m.text);
        }
    }

    #[test]
    fn comparer_reports_number_reasons() {
        use crate::compare::{Comparer, Reason};
        let r = Comparer::default().compare(
            "US beats Canada 2-1 to win first hockey gold since 1980",
            "US beats Canada to win first hockey gold in 43 years",
        );
        let numbers: Vec<&Reason> = r
            .reasons
            .iter()
            .filter(|r| !matches!(r, Reason::SharedTerms { .. }))
            .collect();
        assert_eq!(
            numbers,
            [
                &Reason::NumbersAgree {
                    values: vec!["first".into()]
                },
                &Reason::NumberChanged {
                    left: "1980".into(),
                    right: "43 years".into()
                },
                &Reason::NumberDropped { left: "2-1".into() },
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn spans_are_always_valid(text in "[0-9a-zA-Z $€%,.:\u{2013}\u{2014}-]{0,40}|\\PC{0,30}") {
            for m in extract_numbers(&text) {
                proptest::prop_assert_eq!(text.get(m.span.clone()), Some(m.text.as_str()));
                proptest::prop_assert!(m.value.is_finite());
            }
        }
    }

    proptest::proptest! {
        /// The quick check never hides a mention.
        #[test]
        fn the_quick_check_misses_nothing(
            text in "((one|Two|THIRD|a|million|Dozen|twenty|-|'|s|x|\u{212A}m|é|[$]|€|4|,|[.]| ){0,12})|\\PC{0,30}"
        ) {
            proptest::prop_assert_eq!(extract_numbers(&text), parse_numbers(&text));
        }

        /// Every token a mention starts at passes the token filter of `parse_numbers`.
        #[test]
        fn mentions_start_only_where_the_filter_looks(
            text in "((one|Two|THIRD|a|million|Dozen|twenty|-|to|and|s|x|[$]|€|4|7th|,|[.]|%| ){0,12})|\\PC{0,30}"
        ) {
            let tokens = tokenize(&text);
            for i in 0..tokens.len() {
                if parse_mention(&text, &tokens, i).is_some() {
                    proptest::prop_assert!(may_start_a_mention(&tokens[i].tok), "{:?}", tokens[i]);
                }
            }
        }
    }

    #[test]
    fn the_quick_check_passes_number_words_in_any_case() {
        for text in [
            "ONE dead",
            "Third time",
            "a Dozen eggs",
            "Seventeenth",
            "$ x",
            "x 4",
        ] {
            assert!(may_state_numbers(text), "{text}");
        }
        for text in [
            "Storm hits Rome",
            "Someone's onerous",
            "Ça va",
            "Nineteenths",
        ] {
            assert!(!may_state_numbers(text), "{text}");
        }
    }

    fn compare(left: &str, right: &str) -> NumberComparison {
        compare_numbers(&extract_numbers(left), &extract_numbers(right))
    }

    #[test]
    fn equal_values_are_shared_across_spellings() {
        assert_eq!(compare("three dead", "3 dead").shared, [(0, 0)]);
        assert_eq!(
            compare("$1.2 billion deal", "$1,200 million deal").shared,
            [(0, 0)]
        );
        assert_eq!(compare("first win", "1st win").shared, [(0, 0)]);
        assert_eq!(compare("won 2-1", "2–1 win").shared, [(0, 0)]);
        assert!(compare("no numbers", "none here").agrees());
    }

    #[test]
    fn same_kind_with_another_value_is_changed() {
        assert_eq!(compare("3 dead", "4 dead").changed, [(0, 0)]);
        assert_eq!(compare("won 2-1", "won 3-1").changed, [(0, 0)]);
        assert_eq!(compare("$5m", "€5m").changed, [(0, 0)]);
        let c = compare("first gold since 1980", "First Gold in 43 Years");
        assert_eq!(c.shared, [(0, 0)]);
        assert_eq!(c.changed, [(1, 1)]);
    }

    #[test]
    fn different_kinds_are_dropped_and_added() {
        let c = compare("US beats Canada 2-1 since 1980", "Team USA wins 5 km race");
        assert_eq!(c.changed, []);
        assert_eq!(c.only_left, [0, 1]);
        assert_eq!(c.only_right, [0]);
        assert_eq!(compare("3rd", "3").only_left, [0]);
    }
}
