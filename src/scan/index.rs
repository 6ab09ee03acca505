//! Candidate generation: a prefix-filter similarity join, so a batch is never scored all
//! pairs against all pairs.
//!
//! **Candidate measure.** The IDF-weighted Dice coefficient of two titles' content stems
//! ([`crate::metrics::weighted`]). The join returns exactly the pairs whose weighted Dice is
//! at least the threshold: the same set brute force returns ([`brute_force_pairs`]), which a
//! property test checks. Items without content stems are left out of the join; they can only
//! match by the hash collapse that runs before it.
//!
//! **Why it is exact.** Order every stem by weight, heaviest (rarest) first. If
//! `Dice(x, y) ≥ t` then the shared weight `s` satisfies `2s ≥ t(Wx + Wy)` and `s ≤ Wy`, so
//! `s ≥ t·Wx / (2 − t)`: each side shares at least `α = t/(2 − t)` of its own weight. Let the
//! *prefix* of `x` be its stems in that order up to the point where the weight of the rest
//! falls below `α·Wx`. The first shared stem lies in both prefixes: were it outside `x`'s
//! prefix, all shared stems would lie in the rest, whose weight is below `α·Wx ≤ s`, a
//! contradiction. So indexing only prefix stems and probing only prefix stems finds every
//! pair; a size filter (`α·Wx ≤ Wy ≤ Wx/α`) drops more, and each candidate is checked
//! against the measure itself. This is the AllPairs / PPJoin prefix filter (Bayardo et al.
//! 2007; Xiao et al. 2008) with weights.
//!
//! **Why it is fast.** The heaviest stems are the rarest, so the posting lists that are read
//! are short, and common words (low weight) fall in the unindexed rest.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::features::{Features, Term};
use crate::metrics::weighted;

/// A pair of item indexes, the earlier first, whose candidate measure reaches the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Candidate {
    /// Index of the earlier item.
    pub left: u32,
    /// Index of the later item.
    pub right: u32,
}

/// The share of its own weight each side of a qualifying pair must share.
fn share_bound(threshold: f64) -> f64 {
    threshold / (2.0 - threshold)
}

/// Relative slack so that rounding never shortens a prefix.
const SLACK: f64 = 1e-6;

/// Every item's stems in global order (heaviest first, ties by id), flattened: item `i` owns
/// `ids[offsets[i]..offsets[i + 1]]`. One allocation, so the probe reads little memory.
struct FlatTerms {
    ids: Vec<u64>,
    weights: Vec<f32>,
    offsets: Vec<usize>,
}

impl FlatTerms {
    /// [`FlatTerms::in_order`] in parallel: chunks of items, joined in order.
    fn new(items: &[&Features]) -> Self {
        let chunks: Vec<FlatTerms> = items.par_chunks(4096).map(Self::in_order).collect();
        let mut flat = Self::in_order(&[]);
        for chunk in chunks {
            let base = flat.ids.len();
            flat.offsets
                .extend(chunk.offsets[1..].iter().map(|end| base + end));
            flat.ids.extend(chunk.ids);
            flat.weights.extend(chunk.weights);
        }
        flat
    }

    /// The stems of `items`, on this thread.
    fn in_order(items: &[&Features]) -> Self {
        let mut flat = FlatTerms {
            ids: Vec::new(),
            weights: Vec::new(),
            offsets: vec![0],
        };
        let mut terms: Vec<Term> = Vec::new();
        for item in items {
            terms.clear();
            terms.extend_from_slice(&item.terms);
            terms.sort_unstable_by(|a, b| b.weight.total_cmp(&a.weight).then(a.id.cmp(&b.id)));
            flat.ids.extend(terms.iter().map(|t| t.id));
            flat.weights.extend(terms.iter().map(|t| t.weight));
            flat.offsets.push(flat.ids.len());
        }
        flat
    }

    fn range(&self, item: usize) -> std::ops::Range<usize> {
        self.offsets[item]..self.offsets[item + 1]
    }
}

/// How many of an item's ordered stem weights form its prefix for `threshold`.
fn prefix_len(ordered: &[f32], total: f64, threshold: f64) -> usize {
    let required = share_bound(threshold) * total * (1.0 - SLACK);
    let mut rest = total;
    let mut len = 0;
    for &weight in ordered {
        if rest < required {
            break;
        }
        len += 1;
        rest -= f64::from(weight);
    }
    len
}

/// The prefix stems of `item` for `threshold`, in the global order (heaviest first, ties by
/// id): the keys a distributed join shuffles by. Two items whose weighted Dice reaches
/// `threshold` share at least one of them, and the first of them they share, in this order, is
/// the one key under which to produce the pair (see [`crate::distributed`]).
pub fn prefix_terms(item: &Features, threshold: f64) -> Vec<u64> {
    let flat = FlatTerms::in_order(&[item]);
    let threshold = threshold.clamp(f64::MIN_POSITIVE, 1.0);
    let len = prefix_len(&flat.weights, item.term_weight, threshold);
    flat.ids[..len].to_vec()
}

/// Every pair of `items` whose weighted Dice is at least `threshold` (in `0.0..=1.0`),
/// found through a prefix-filter index; sorted by `(left, right)`.
///
/// Probing item `x` walks the posting lists of its prefix stems in global order. The first
/// time an earlier item `y` shows up, the stem is the first one they share (any heavier
/// shared stem would sit earlier in both prefixes and would have been met first), and after
/// every shared stem met, whatever else they share lies further on in both orders: at most
/// `min(Wx − ahead_x, Wy − ahead_y)`. A `y` that cannot reach the required overlap is
/// dropped (the weighted form of PPJoin's positional filter). A `y` already past it is
/// accepted; the rest are decided by their exact overlap, read from a small table of `x`'s
/// stems. The probe's arrays are dense and indexed by item, so the hot loop stays in cache.
pub fn candidate_pairs(items: &[&Features], threshold: f64) -> Vec<Candidate> {
    let mut pairs = join_each(items, threshold, |right, found| {
        found
            .drain(..)
            .map(|left| Candidate {
                left,
                right: right as u32,
            })
            .collect()
    });
    pairs.sort_unstable();
    pairs
}

/// Probe every item against all earlier ones, in parallel, and collect what `each` makes of
/// an item (its index) and its candidates (the earlier items whose weighted Dice with it
/// reaches `threshold`, in no particular order, for `each` to drain).
pub fn join_each<T: Send>(
    items: &[&Features],
    threshold: f64,
    each: impl Fn(usize, &mut Vec<u32>) -> Vec<T> + Sync,
) -> Vec<T> {
    let mut join = PrefixJoin::new(items, threshold);
    for item in 0..items.len() {
        join.insert(item);
    }
    (0..items.len())
        .into_par_iter()
        // Each job allocates state arrays as long as the batch: keep jobs few and large.
        .with_min_len(items.len().div_ceil(64).max(256))
        .map_init(
            || (Probe::new(items.len()), Vec::new()),
            |(probe, found), right| {
                join.probe(0, right, probe, found);
                each(right, found)
            },
        )
        .flatten()
        .collect()
}

/// The prefix-filter join of [`candidate_pairs`], as a structure that can also grow one item
/// at a time: the batch scanner indexes only group representatives and probes each new item
/// against them (see [`PrefixJoin::insert`] and [`PrefixJoin::probe`]).
pub struct PrefixJoin<'a> {
    items: &'a [&'a Features],
    threshold: f64,
    flat: FlatTerms,
    totals32: Vec<f32>,
    prefixes: Vec<usize>,
    /// Each item's unindexed stems (id, weight) side by side, item `i`'s at
    /// `rest_terms[rests[i].start..rests[i + 1].start]`: the final check of a candidate
    /// reads them, and one item's are a cache line or two.
    rest_terms: Vec<(u64, f32)>,
    /// Where each item's unindexed stems start, and their weight (one more entry at the
    /// end): the final check reads both, so they share a cache line.
    rests: Vec<Rest>,
    bound: f32,
    half: f32,
    index: FxHashMap<u64, Vec<Posting>>,
}

impl<'a> PrefixJoin<'a> {
    /// An empty index over `items` for weighted Dice ≥ `threshold`.
    pub fn new(items: &'a [&'a Features], threshold: f64) -> Self {
        let threshold = threshold.clamp(f64::MIN_POSITIVE, 1.0);
        let flat = FlatTerms::new(items);
        let totals: Vec<f64> = items.iter().map(|f| f.term_weight).collect();
        let prefixes: Vec<usize> = (0..items.len())
            .into_par_iter()
            .with_min_len(4096)
            .map(|i| prefix_len(&flat.weights[flat.range(i)], totals[i], threshold))
            .collect();
        let mut rests = Vec::with_capacity(items.len() + 1);
        let mut rest_terms = Vec::new();
        for (i, &prefix) in prefixes.iter().enumerate() {
            let range = flat.range(i);
            let rest = range.start + prefix..range.end;
            rests.push(Rest {
                weight: flat.weights[rest.clone()].iter().sum(),
                start: rest_terms.len() as u32,
            });
            rest_terms.extend(
                flat.ids[rest.clone()]
                    .iter()
                    .copied()
                    .zip(flat.weights[rest].iter().copied()),
            );
        }
        rests.push(Rest {
            weight: 0.0,
            start: rest_terms.len() as u32,
        });
        // The filters run in f32 on dense arrays; they only drop a pair that misses the
        // bound by more than FILTER_SLACK, so rounding never loses one.
        Self {
            items,
            threshold,
            totals32: totals.iter().map(|&t| t as f32).collect(),
            prefixes,
            rest_terms,
            rests,
            bound: (share_bound(threshold) * (1.0 - FILTER_SLACK)) as f32,
            half: (threshold / 2.0 * (1.0 - FILTER_SLACK)) as f32,
            index: FxHashMap::default(),
            flat,
        }
    }

    /// Index `item` under its prefix stems. Items must be inserted in increasing order.
    pub fn insert(&mut self, item: usize) {
        let range = self.flat.range(item);
        let mut ahead = 0.0f32;
        for (&id, &weight) in self.flat.ids[range.clone()]
            .iter()
            .zip(&self.flat.weights[range])
            .take(self.prefixes[item])
        {
            self.index.entry(id).or_default().push(Posting {
                item: item as u32,
                ahead,
            });
            ahead += weight;
        }
    }

    /// Every indexed item in `from..right` whose weighted Dice with `right` reaches the
    /// threshold, appended to `found` in no particular order. `probe` is scratch state sized
    /// by [`Probe::new`] for this join; it is left clean.
    pub fn probe(&self, from: usize, right: usize, probe: &mut Probe, found: &mut Vec<u32>) {
        let (flat, totals32) = (&self.flat, &self.totals32);
        let weight = totals32[right];
        let range = flat.range(right);
        let (ids, weights) = (&flat.ids[range.clone()], &flat.weights[range]);
        let mut ahead = 0.0f32;
        for (position, (id, &w)) in ids.iter().zip(weights).enumerate() {
            // Prefix stems find candidates; the rest only add to candidates found.
            let in_prefix = position < self.prefixes[right];
            let postings = self.index.get(id).map_or(&[][..], Vec::as_slice);
            // Postings are in item order and `from` is usually 0 or recent: count the tail
            // from the back rather than binary-searching a long list.
            let first = if from == 0 {
                0
            } else {
                postings.len()
                    - postings
                        .iter()
                        .rev()
                        .take_while(|p| p.item as usize >= from)
                        .count()
            };
            for posting in postings[first..]
                .iter()
                .take_while(|p| (p.item as usize) < right)
            {
                let left = posting.item as usize;
                let state = probe.state[left];
                if state == Seen::Dropped || (state == Seen::No && !in_prefix) {
                    continue;
                }
                let other = totals32[left];
                // Shared weight still possible after this stem, in both orders.
                let remaining = (weight - ahead - w).min(other - posting.ahead - w);
                let slot = &mut probe.slots[left];
                if state == Seen::Kept {
                    slot.shared += w;
                    slot.remaining = remaining;
                    continue;
                }
                probe.touched.push(posting.item);
                let sizes_fit = other >= self.bound * weight && weight >= self.bound * other;
                let keep = sizes_fit & (remaining + w >= self.half * (weight + other));
                // Written either way, without a branch: about half the first sightings are
                // kept, a coin toss for the branch predictor. A dropped item's slot is
                // never read.
                probe.state[left] = if keep { Seen::Kept } else { Seen::Dropped };
                *slot = Slot {
                    shared: w,
                    remaining,
                };
            }
            ahead += w;
        }
        probe.table.fill(ids);
        for left in probe.touched.drain(..) {
            let l = left as usize;
            if std::mem::replace(&mut probe.state[l], Seen::No) == Seen::Kept
                && self.qualifies(l, right, probe.slots[l], &probe.table)
            {
                found.push(left);
            }
        }
    }

    /// The final check of a kept pair: every shared stem but those in the unindexed rest of
    /// `l` is counted in `slot`; read that rest against the table of `right`'s stems.
    fn qualifies(&self, l: usize, right: usize, slot: Slot, table: &IdTable) -> bool {
        let unknown = slot.remaining.min(self.rests[l].weight);
        let (weight, other) = (self.totals32[right], self.totals32[l]);
        if slot.shared + unknown < self.half * (weight + other) {
            return false;
        }
        // From the f32 totals the probe has just read: their rounding is far inside
        // FILTER_SLACK, and pairs that close to the bound are decided exactly below.
        let scale = self.threshold * f64::from(weight + other) / 2.0;
        if f64::from(slot.shared) >= scale * (1.0 + FILTER_SLACK) {
            return true;
        }
        let rest = self.rests[l].start as usize..self.rests[l + 1].start as usize;
        let rest_shared: f64 = self.rest_terms[rest]
            .iter()
            .filter(|(id, _)| table.contains(*id))
            .map(|&(_, w)| f64::from(w))
            .sum();
        let overlap = f64::from(slot.shared) + rest_shared;
        if (overlap - scale).abs() <= scale * FILTER_SLACK {
            weighted(self.items[l], self.items[right]) >= self.threshold
        } else {
            overlap >= scale
        }
    }
}

/// Relative margin of the f32 filters.
const FILTER_SLACK: f64 = 1e-4;

/// Where an item's unindexed stems start in [`PrefixJoin`]'s `rest_terms`, and their weight.
#[derive(Debug, Clone, Copy)]
struct Rest {
    weight: f32,
    start: u32,
}

/// An item in the posting list of one of its prefix stems.
#[derive(Debug, Clone, Copy)]
struct Posting {
    item: u32,
    /// Weight of the item's stems ahead of this one in the global order.
    ahead: f32,
}

/// What the current probe decided about an earlier item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seen {
    No,
    Kept,
    Dropped,
}

/// What the probe knows about a kept item: the weight shared in both prefixes so far and the
/// most it can still share.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    shared: f32,
    remaining: f32,
}

/// Scratch state of one probe, indexed by item; reset after each probe through `touched`.
/// One per thread.
pub struct Probe {
    state: Vec<Seen>,
    slots: Vec<Slot>,
    touched: Vec<u32>,
    table: IdTable,
}

impl Probe {
    /// State for a join over `items` items.
    pub fn new(items: usize) -> Self {
        Self {
            state: vec![Seen::No; items],
            slots: vec![Slot::default(); items],
            touched: Vec::new(),
            table: IdTable::default(),
        }
    }
}

/// A small open-addressing set of the probe's stem ids (ids are hashes, so their low bits
/// spread well); `0` marks an empty slot, and id `0` is kept aside.
#[derive(Default)]
struct IdTable {
    slots: Vec<u64>,
    has_zero: bool,
}

impl IdTable {
    fn fill(&mut self, ids: &[u64]) {
        let size = (ids.len() * 2).next_power_of_two().max(16);
        self.slots.clear();
        self.slots.resize(size, 0);
        self.has_zero = false;
        let mask = size - 1;
        for &id in ids {
            if id == 0 {
                self.has_zero = true;
                continue;
            }
            let mut slot = id as usize & mask;
            while self.slots[slot] != 0 && self.slots[slot] != id {
                slot = (slot + 1) & mask;
            }
            self.slots[slot] = id;
        }
    }

    fn contains(&self, id: u64) -> bool {
        if id == 0 {
            return self.has_zero;
        }
        let mask = self.slots.len() - 1;
        let mut slot = id as usize & mask;
        loop {
            match self.slots[slot] {
                0 => return false,
                found if found == id => return true,
                _ => slot = (slot + 1) & mask,
            }
        }
    }
}

/// The same pairs as [`candidate_pairs`], by comparing every pair: for tests, for
/// `scan --exhaustive` on small batches, and within one group when a scan splits it.
pub fn brute_force_pairs(items: &[&Features], threshold: f64) -> Vec<Candidate> {
    let threshold = threshold.clamp(f64::MIN_POSITIVE, 1.0);
    let mut pairs = Vec::new();
    for right in 0..items.len() {
        if items[right].terms.is_empty() {
            continue;
        }
        for left in 0..right {
            if items[left].terms.is_empty() {
                continue;
            }
            if weighted(items[left], items[right]) >= threshold {
                pairs.push(Candidate {
                    left: left as u32,
                    right: right as u32,
                });
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::Analyzer;

    fn features(texts: &[&str]) -> Vec<Features> {
        let analyzer = Analyzer::default();
        texts.iter().map(|t| analyzer.analyze(t).features).collect()
    }

    #[test]
    fn finds_the_rewrite_and_skips_the_unrelated() {
        let all = features(&[
            "Trump sends hospital ship to Greenland after Denmark helped evacuate US Navy sailor",
            "Stocks rally as tech earnings beat forecasts",
            "Trump Deploys Hospital Ship to Greenland Following Denmark’s Crucial Rescue of US Navy Sailor",
            "",
        ]);
        let refs: Vec<&Features> = all.iter().collect();
        let pairs = candidate_pairs(&refs, 0.2);
        assert_eq!(pairs.len(), 1, "{pairs:?}");
        assert_eq!((pairs[0].left, pairs[0].right), (0, 2));
        assert_eq!(pairs, brute_force_pairs(&refs, 0.2));
    }

    #[test]
    fn prefix_covers_enough_weight() {
        let all = features(&["alpha beta gamma delta epsilon"]);
        let flat = FlatTerms::in_order(&[&all[0]]);
        let weights = &flat.weights[flat.range(0)];
        assert!(weights.windows(2).all(|w| w[0] >= w[1]));
        assert_eq!(prefix_len(weights, all[0].term_weight, 1.0), 1);
        assert_eq!(prefix_len(weights, all[0].term_weight, 0.01), weights.len());
    }

    /// Chunks built on the pool and joined give the stems one thread gives: over 4096 items
    /// there are several chunks, and each chunk's offsets must be shifted by the ones before.
    #[test]
    fn stems_built_in_chunks_equal_stems_built_in_order() {
        let texts: Vec<String> = (0..10_000)
            .map(|i| format!("storm {} hits {} coast", i % 97, i % 13))
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let all = features(&refs);
        let items: Vec<&Features> = all.iter().collect();
        let (parallel, serial) = (FlatTerms::new(&items), FlatTerms::in_order(&items));
        assert_eq!(parallel.offsets, serial.offsets);
        assert_eq!(parallel.ids, serial.ids);
        assert_eq!(parallel.weights, serial.weights);
    }

    #[test]
    fn id_table_membership() {
        let mut table = IdTable::default();
        let ids: Vec<u64> = (0..40).map(|i| i * 7919).collect();
        table.fill(&ids);
        assert!(ids.iter().all(|&id| table.contains(id)));
        assert!(!table.contains(5));
        table.fill(&[3]);
        assert!(!table.contains(0) && table.contains(3));
    }

    use proptest::prelude::*;

    const WORDS: [&str; 16] = [
        "storm", "senate", "budget", "fire", "rome", "vote", "court", "ship", "navy", "oil",
        "price", "rally", "tariff", "strike", "flood", "trial",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// The indexed join returns exactly the pairs brute force returns.
        #[test]
        fn index_equals_brute_force(
            corpus in prop::collection::vec(prop::collection::vec(0..WORDS.len(), 0..7), 0..40),
            threshold in 0.05f64..=1.0,
        ) {
            let texts: Vec<String> = corpus
                .iter()
                .map(|words| words.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" "))
                .collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let all = features(&refs);
            let items: Vec<&Features> = all.iter().collect();
            prop_assert_eq!(candidate_pairs(&items, threshold), brute_force_pairs(&items, threshold));
        }
    }
}
