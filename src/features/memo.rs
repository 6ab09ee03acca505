//! Each thread's memo of what the analyzer knows about a word, whatever title it is in.
//!
//! Stemming is most of the cost of analysis, and a batch of headlines uses a few tens of
//! thousands of distinct words over and over. A word's entry holds what does not depend on
//! the title's language (its id, the stop lists it is on, whether it has a Swedish letter:
//! what the language vote reads) and its stems, one per language it was stemmed in, so the
//! memo is keyed by word and language.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use super::language::{Language, Letters, StopIn};
use super::{STEM_PREFIX_CHARS, term_id};

/// What is known about a word (lower case, as normalization leaves it) in any title.
#[derive(Debug)]
pub(super) struct WordInfo {
    /// [`term_id`] of the word.
    pub(super) id: u64,
    /// The stop lists that hold it.
    pub(super) stop_in: StopIn,
    /// Its letters that English does not use.
    pub(super) letters: Letters,
    /// The first of its stems in `WordMemo::stems`, or [`NONE`].
    stems: u32,
}

/// A word's stem in one language.
#[derive(Debug)]
struct StemInfo {
    language: Language,
    /// The stem cut to [`STEM_PREFIX_CHARS`].
    stem: Box<str>,
    /// [`Language::stem_id`] of the stem.
    id: u64,
    /// The word's stem in another language, or [`NONE`].
    next: u32,
}

/// No entry.
const NONE: u32 = u32::MAX;

/// The memo (see the module documentation). It is cleared when it grows past
/// [`WordMemo::CAPACITY`] words, so a long-running process never holds more than that.
#[derive(Default)]
pub(super) struct WordMemo {
    /// Index into `words` by the word's [`term_id`]: the id already stands for the word
    /// everywhere else, and a lookup by it hashes the word once and compares no strings.
    by_id: FxHashMap<u64, u32>,
    words: Vec<WordInfo>,
    stems: Vec<StemInfo>,
}

impl WordMemo {
    /// At most this many words are remembered per thread (a few megabytes).
    const CAPACITY: usize = 1 << 18;

    /// The slot of `word`, added if it is new. Slots stay valid until the next call that adds
    /// a word to a full memo, so one title's slots are taken after [`WordMemo::make_room`].
    pub(super) fn slot(&mut self, word: &str) -> u32 {
        let id = term_id(word);
        if let Some(&at) = self.by_id.get(&id) {
            return at;
        }
        let at = self.words.len() as u32;
        self.by_id.insert(id, at);
        self.words.push(WordInfo {
            id,
            stop_in: StopIn::of(word),
            letters: Letters::of(word),
            stems: NONE,
        });
        at
    }

    /// Clear the memo if it is full, before the words of a title are looked up.
    pub(super) fn make_room(&mut self) {
        if self.words.len() >= Self::CAPACITY {
            self.by_id.clear();
            self.words.clear();
            self.stems.clear();
        }
    }

    /// The entry of a slot.
    pub(super) fn info(&self, slot: u32) -> &WordInfo {
        &self.words[slot as usize]
    }

    /// The stem of the word in `slot` (which is `word`) in `language`, and its id.
    pub(super) fn stem(&mut self, slot: u32, word: &str, language: Language) -> (&str, u64) {
        let mut at = self.words[slot as usize].stems;
        while at != NONE {
            let stem = &self.stems[at as usize];
            if stem.language == language {
                return (&self.stems[at as usize].stem, stem.id);
            }
            at = stem.next;
        }
        let mut stem = language.stem(word);
        if let Some((cut, _)) = stem.char_indices().nth(STEM_PREFIX_CHARS) {
            stem.truncate(cut);
        }
        let at = self.stems.len();
        let info = &mut self.words[slot as usize];
        self.stems.push(StemInfo {
            language,
            id: language.stem_id(&stem),
            stem: stem.into(),
            next: info.stems,
        });
        info.stems = at as u32;
        let stem = &self.stems[at];
        (&stem.stem, stem.id)
    }
}

thread_local! {
    /// This thread's memo.
    pub(super) static WORD_MEMO: RefCell<WordMemo> = RefCell::new(WordMemo::default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_keeps_one_stem_per_language() {
        let mut memo = WordMemo::default();
        let slot = memo.slot("regeringen");
        assert_eq!(memo.slot("regeringen"), slot);
        let (swedish, swedish_id) = memo.stem(slot, "regeringen", Language::Swedish);
        let swedish = swedish.to_owned();
        let (english, english_id) = memo.stem(slot, "regeringen", Language::English);
        assert_ne!(swedish_id, english_id);
        assert_eq!(english, "reger");
        assert_eq!(swedish, "reger");
        assert_eq!(
            memo.stem(slot, "regeringen", Language::Swedish).1,
            swedish_id
        );
        assert_eq!(memo.stems.len(), 2);
    }

    #[test]
    fn entries_know_their_stop_lists() {
        let mut memo = WordMemo::default();
        let och = memo.slot("och");
        assert!(memo.info(och).stop_in.contains(Language::Swedish));
        assert!(!memo.info(och).stop_in.contains(Language::English));
        let the = memo.slot("the");
        assert!(memo.info(the).stop_in.contains(Language::English));
        let höjs = memo.slot("höjs");
        assert_eq!(memo.info(höjs).letters, Letters::of("ö"));
        assert_ne!(memo.info(höjs).letters, Letters::default());
    }
}
