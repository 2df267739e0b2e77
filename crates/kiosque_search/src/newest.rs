//! Newest first at a bounded cost. Ordering every match by date reads the date of each (600,000
//! for a common word in a million articles); when the matches are many, the newest of them are
//! among the newest documents of the index, so only those are checked, in a window of time
//! widened until it holds the page.

use std::ops::Bound;

use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{Query, RangeQuery};
use tantivy::schema::Field;
use tantivy::{DocAddress, Order, Searcher, Term};

use crate::count::Counted;
use crate::error::Result;
use crate::verify::matching;

/// The field's name, for the fast-field readers.
const PUBLISHED: &str = "published";

/// The page `offset..offset + limit` of the matches of `query`, newest first.
pub(crate) fn newest(
    searcher: &Searcher,
    query: &dyn Query,
    published: Field,
    counted: Counted,
    offset: usize,
    limit: usize,
) -> Result<Vec<DocAddress>> {
    let need = offset + limit;
    let docs = searcher.num_docs().max(1);
    if !counted.estimated || counted.n == 0 {
        // Few matches: ordering them all is cheap.
        return Ok(searcher
            .search(
                query,
                &TopDocs::with_limit(limit)
                    .and_offset(offset)
                    .order_by_fast_field::<i64>(PUBLISHED, Order::Desc),
            )?
            .into_iter()
            .map(|(_, a)| a)
            .collect());
    }
    let mut lo = i64::MAX;
    let mut hi = i64::MIN;
    let mut columns = Vec::new();
    for reader in searcher.segment_readers() {
        let column = reader.fast_fields().i64(PUBLISHED)?;
        if reader.num_docs() > 0 {
            lo = lo.min(column.min_value());
            hi = hi.max(column.max_value());
        }
        columns.push(column);
    }
    if lo > hi {
        return Ok(Vec::new());
    }
    // A window expected to hold four times the page, given the share of documents that match
    // and dates spread over the index's span.
    let share = (counted.n as f64 / docs as f64).clamp(1e-9, 1.0);
    let wanted = (4 * need) as f64 / share;
    let span = (hi - lo).max(1) as f64;
    let mut window = ((span * wanted / docs as f64) as i64).max(3_600_000);
    loop {
        let from = hi.saturating_sub(window);
        let range = RangeQuery::new(
            Bound::Included(Term::from_field_i64(published, from)),
            Bound::Included(Term::from_field_i64(published, hi)),
        );
        let candidates: Vec<DocAddress> = searcher
            .search(&range, &DocSetCollector)?
            .into_iter()
            .collect();
        let found = matching(searcher, query, &candidates, false)?;
        if found.len() >= need || from <= lo {
            let mut dated: Vec<(i64, DocAddress)> = found
                .into_iter()
                .map(|(_, a)| {
                    let column = &columns[a.segment_ord as usize];
                    (column.first(a.doc_id).unwrap_or(i64::MIN), a)
                })
                .collect();
            // Newest first; the same date in index order, as tantivy's own ordering does.
            dated.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
            return Ok(dated
                .into_iter()
                .skip(offset)
                .take(limit)
                .map(|(_, a)| a)
                .collect());
        }
        window = window.saturating_mul(8);
    }
}
