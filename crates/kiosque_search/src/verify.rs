//! Which candidates the real query matches, and their scores under it.

use tantivy::query::{EnableScoring, Query, Scorer};
use tantivy::{DocAddress, DocSet, Score, Searcher};

use crate::error::Result;

/// The candidates that `query` matches, each with its score under `query` when `scored`, in
/// the candidates' order.
pub(crate) fn matching(
    searcher: &Searcher,
    query: &dyn Query,
    candidates: &[DocAddress],
    scored: bool,
) -> Result<Vec<(Score, DocAddress)>> {
    let scoring = if scored {
        EnableScoring::enabled_from_searcher(searcher)
    } else {
        EnableScoring::disabled_from_searcher(searcher)
    };
    let weight = query.weight(scoring)?;
    // A scorer only moves forward: candidates are visited segment by segment, in doc order.
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_unstable_by_key(|&i| (candidates[i].segment_ord, candidates[i].doc_id));
    let mut scores: Vec<Option<Score>> = vec![None; candidates.len()];
    let mut current: Option<(u32, Box<dyn Scorer>)> = None;
    for i in order {
        let a = candidates[i];
        if current.as_ref().map(|c| c.0) != Some(a.segment_ord) {
            let reader = searcher.segment_reader(a.segment_ord);
            current = Some((a.segment_ord, weight.scorer(reader, 1.0)?));
        }
        let Some((_, scorer)) = current.as_mut() else {
            continue;
        };
        let at = if scorer.doc() >= a.doc_id {
            scorer.doc()
        } else {
            scorer.seek(a.doc_id)
        };
        if at == a.doc_id {
            scores[i] = Some(if scored { scorer.score() } else { 0.0 });
        }
    }
    Ok(candidates
        .iter()
        .zip(scores)
        .filter_map(|(a, s)| s.map(|s| (s, *a)))
        .collect())
}
