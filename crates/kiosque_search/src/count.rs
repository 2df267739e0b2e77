//! Counting matches at a bounded cost: exactly while they are few, estimated from the part of
//! the index already read once they are many. Counting every match of a frequent word (600,000
//! of a million articles) took longer than finding the page itself, for a figure a reader
//! only needs roughly ("about 600,000 results").

use tantivy::query::{EnableScoring, Query};
use tantivy::{DocSet, Searcher, TERMINATED};

use crate::error::Result;

/// Up to this many matches, the count is exact.
pub const EXACT_COUNT: usize = 10_000;
/// Past this many documents read, with at least [`MIN_SAMPLE`] matches found, the count is
/// estimated: a rare phrase of common words is slow to match, and would otherwise be followed
/// through the whole index.
const SAMPLE_DOCS: u64 = 50_000;
/// An estimate needs this many matches at least; it is also more than the deepest page a
/// reader can ask for holds (50 pages of 10), so an estimated count never promises a page
/// that does not exist.
pub(crate) const MIN_SAMPLE: usize = 1_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Counted {
    pub n: usize,
    pub estimated: bool,
}

/// How many documents match `query`, exactly or estimated (see the module).
pub(crate) fn bounded(searcher: &Searcher, query: &dyn Query) -> Result<Counted> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let all: u64 = searcher
        .segment_readers()
        .iter()
        .map(|r| u64::from(r.max_doc()))
        .sum();
    let mut counted = 0usize;
    // Documents of the segments already read in full.
    let mut before = 0u64;
    for reader in searcher.segment_readers() {
        let mut scorer = weight.scorer(reader, 1.0)?;
        let alive = reader.alive_bitset();
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                counted += 1;
                let read = before + u64::from(doc) + 1;
                if counted >= EXACT_COUNT || (read >= SAMPLE_DOCS && counted >= MIN_SAMPLE) {
                    // Matches are spread evenly enough over the documents' order (the order
                    // they were indexed in) for the share read so far to stand for the rest.
                    let estimate = counted as f64 * all as f64 / read as f64;
                    return Ok(Counted {
                        n: (estimate.round() as usize).max(counted),
                        estimated: read < all,
                    });
                }
            }
            doc = scorer.advance();
        }
        before += u64::from(reader.max_doc());
    }
    Ok(Counted {
        n: counted,
        estimated: false,
    })
}
