//! The reader's query loosened into what tantivy ranks fastest: one flat union of its words'
//! terms, field by field, that block-max WAND can skip through.
//!
//! The parsed query is a conjunction (every word required) of unions (a word in any field),
//! filters beside it. tantivy prunes with block-max WAND only a flat union of term queries
//! whose clauses are all optional (a union built with `BooleanQuery::new` requires one clause
//! and is scored document by document); every other shape is scored match by match, which at a
//! million articles means 600,000 scored documents for a common word. So the page is taken in
//! two steps: the best documents of the loosened union, then those of them the real query
//! matches, rescored by it. For a document matching every word, the union's score is the
//! query's score (a sum over the same terms), so the page is the same as the query's own while
//! enough candidates pass; a phrase scores by its own frequency, and its candidates are the
//! best documents of its words.

use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

/// The loosened query.
pub(crate) struct Relaxed {
    /// A union of the terms, all optional.
    pub query: BooleanQuery,
    /// It matches exactly what the real query matches, with the same scores: one word and no
    /// filter.
    pub same: bool,
}

/// The loosened form of `parsed`, or `None` when its shape is not one of the parser's plain
/// ones (a boost or a field the reader wrote, a fuzzy or prefix term): that query is run as it
/// is.
pub(crate) fn relax(
    parsed: &dyn Query,
    text: &str,
    fields: &[(Field, f32)],
    filtered: bool,
) -> Option<Relaxed> {
    // `mot^3` and `title:mot` carry weights of their own that the loosened union would not.
    if text.contains(['^', ':']) {
        return None;
    }
    let mut found = Found::default();
    if !words(parsed, fields, &mut found) || found.terms.is_empty() {
        return None;
    }
    let same = !filtered && found.words == 1 && !found.excluded && !found.phrase;
    let clauses = found
        .terms
        .into_iter()
        .map(|(term, boost)| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
            let q = if boost == 1.0 {
                q
            } else {
                Box::new(BoostQuery::new(q, boost))
            };
            (Occur::Should, q)
        })
        .collect();
    Some(Relaxed {
        // Zero required optional clauses: the shape block-max WAND runs on.
        query: BooleanQuery::with_minimum_required_clauses(clauses, 0),
        same,
    })
}

#[derive(Default)]
struct Found {
    terms: Vec<(Term, f32)>,
    words: usize,
    excluded: bool,
    phrase: bool,
}

/// Walks the parsed query: required words, excluded words, and each word a union over fields.
fn words(q: &dyn Query, fields: &[(Field, f32)], found: &mut Found) -> bool {
    if let Some(b) = q.downcast_ref::<BooleanQuery>() {
        let clauses = b.clauses();
        if clauses.iter().all(|(o, _)| *o == Occur::Should) {
            // One word, in any of the fields.
            if b.get_minimum_number_should_match() > 1 {
                return false;
            }
            found.words += 1;
            return clauses.iter().all(|(_, c)| leaf(c.as_ref(), fields, found));
        }
        for (occur, c) in clauses {
            match occur {
                Occur::Must => {
                    if !words(c.as_ref(), fields, found) {
                        return false;
                    }
                }
                // The real query checks the exclusions of each candidate.
                Occur::MustNot => found.excluded = true,
                Occur::Should => return false,
            }
        }
        return true;
    }
    found.words += 1;
    leaf(q, fields, found)
}

/// A word in one field: a term, or a phrase where the analyzer split the word (`al-Assad`) or
/// the reader wrote one; with the field's weight.
fn leaf(q: &dyn Query, fields: &[(Field, f32)], found: &mut Found) -> bool {
    if !(q.is::<TermQuery>() || q.is::<BoostQuery>() || q.is::<PhraseQuery>()) {
        return false;
    }
    let mut terms = Vec::new();
    let mut positions = false;
    q.query_terms(&mut |t, p| {
        terms.push(t.clone());
        positions |= p;
    });
    if terms.is_empty() {
        return false;
    }
    for t in terms {
        let Some((_, boost)) = fields.iter().find(|(f, _)| *f == t.field()) else {
            return false;
        };
        found.terms.push((t, *boost));
    }
    found.phrase |= positions;
    true
}
