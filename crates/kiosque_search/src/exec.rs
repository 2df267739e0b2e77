//! Running a search: the reader's words and filters made into a tantivy query, the matches
//! counted at a bounded cost, the page of hits found (ranked with block-max WAND, or newest
//! first), and only those hits read and given their snippets.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use tantivy::collector::TopDocs;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Score, Searcher, TantivyDocument, Term};

use crate::analysis::{quick_analyzer, required_pairs};
use crate::count::{bounded, Counted};
use crate::error::Result;
use crate::model::{searched_fields, DocKind, Fields, Hit, SearchQuery, SearchResults};
use crate::newest::newest;
use crate::relax::{relax, Relaxed};
use crate::snippet::{self, Snippets};
use crate::verify::matching;

/// How long each step of a search took (the benchmark reports them).
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// The reader's words made into a query, filters added.
    pub parse: Duration,
    /// Counting the matches.
    pub count: Duration,
    /// Finding the page of hits.
    pub collect: Duration,
    /// Reading the hits' stored fields and cutting their snippets.
    pub fetch: Duration,
}

/// The length of a snippet, in characters.
const SNIPPET_CHARS: usize = 220;

/// The most candidates the loosened query is asked for before the real query is run as it is.
const MAX_CANDIDATES: usize = 20_000;

/// A filter: restricts the matches without changing their scores.
pub(crate) fn only(q: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(q, 0.0))
}

/// `q` with `filter` beside each of its clauses, down to the leaves (the words and phrases):
/// under the filter (the query as a whole requires it), each clause matches what it matched.
/// Excluded clauses are left as they are.
fn within(q: &dyn Query, filter: &dyn Fn() -> Box<dyn Query>) -> Box<dyn Query> {
    match q.downcast_ref::<BooleanQuery>() {
        Some(b) => Box::new(BooleanQuery::with_minimum_required_clauses(
            b.clauses()
                .iter()
                .map(|(occur, c)| match occur {
                    Occur::MustNot => (*occur, c.box_clone()),
                    _ => (*occur, within(&**c, filter)),
                })
                .collect(),
            b.get_minimum_number_should_match(),
        )),
        None => Box::new(BooleanQuery::intersection(vec![q.box_clone(), filter()])),
    }
}

fn term(field: Field, value: &str) -> Box<dyn Query> {
    only(Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    )))
}

/// The filters the query asks for, none of which changes a score.
fn filters(f: &Fields, q: &SearchQuery) -> Vec<Box<dyn Query>> {
    let mut out = Vec::new();
    if let Some(s) = &q.section {
        out.push(term(f.section, s));
    }
    if let Some(t) = &q.tag {
        out.push(term(f.tag, t));
    }
    if let Some(a) = &q.author {
        out.push(term(f.author, a));
    }
    if let Some(kind) = q.kind {
        out.push(term(f.kind, kind.as_str()));
    }
    if q.from.is_some() || q.to.is_some() {
        let lo = q.from.unwrap_or(i64::MIN);
        let hi = q.to.unwrap_or(i64::MAX);
        out.push(only(Box::new(RangeQuery::new(
            std::ops::Bound::Included(Term::from_field_i64(f.published, lo)),
            std::ops::Bound::Included(Term::from_field_i64(f.published, hi)),
        ))));
    }
    out
}

pub(crate) fn search(
    searcher: &Searcher,
    parser: &QueryParser,
    f: &Fields,
    q: &SearchQuery,
) -> Result<(SearchResults, Timings)> {
    let mut timings = Timings::default();
    let started = Instant::now();
    let text = q.text.trim();
    // A malformed query is read leniently: never an error.
    let parsed = (!text.is_empty()).then(|| parser.parse_query_lenient(text).0);
    let mut filters = filters(f, q);
    // The pairs of the phrases: required, they lead the phrase to the few documents holding
    // them (the filter is implied by the phrase, so nothing else changes).
    let pairs = if parsed.is_some() {
        required_pairs(text)
    } else {
        Vec::new()
    };
    for pair in &pairs {
        filters.push(term(f.pairs, pair));
    }
    // And inside: every clause of the reader's query meets the pairs itself, so that each
    // field's phrase is checked only at the documents holding the pairs (tantivy 0.27 checks a
    // phrase at a candidate without scanning to its next match). Otherwise a union of fields,
    // sought to a pair's document, read its next 4,096 documents in every field: the phrase of
    // common words `"accord de paix"` took 150 to 200 ms at a million, 10 ms now.
    let text_query = match &parsed {
        Some(t) if !pairs.is_empty() => Some(within(&**t, &|| {
            Box::new(BooleanQuery::intersection(
                pairs.iter().map(|p| term(f.pairs, p)).collect(),
            ))
        })),
        other => other.as_ref().map(|t| t.box_clone()),
    };
    // Loosened and cut into snippets as the reader wrote it.
    let relaxed = parsed
        .as_deref()
        .and_then(|t| relax(t, text, &searched_fields(f), !filters.is_empty()));
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    clauses.push((
        Occur::Must,
        text_query
            .as_ref()
            .map_or_else(|| Box::new(AllQuery) as Box<dyn Query>, |t| t.box_clone()),
    ));
    clauses.extend(filters.into_iter().map(|c| (Occur::Must, c)));
    let query = BooleanQuery::new(clauses);
    let limit = q.limit.clamp(1, 100);
    timings.parse = started.elapsed();

    let started = Instant::now();
    let counted = bounded(searcher, &query)?;
    let videos = match q.kind {
        Some(DocKind::Article) => Counted {
            n: 0,
            estimated: false,
        },
        Some(DocKind::Video) => counted,
        None if counted.n == 0 => counted,
        None => bounded(
            searcher,
            &BooleanQuery::new(vec![
                (Occur::Must, Box::new(query.clone()) as Box<dyn Query>),
                (Occur::Must, term(f.kind, DocKind::Video.as_str())),
            ]),
        )?,
    };
    timings.count = started.elapsed();

    let started = Instant::now();
    let page: Vec<(Score, DocAddress)> = if counted.n == 0 {
        Vec::new()
    } else if q.by_date || text_query.is_none() {
        newest(searcher, &query, f.published, counted, q.offset, limit)?
            .into_iter()
            .map(|a| (0.0, a))
            .collect()
    } else if let Some(r) = relaxed.filter(|r| r.same || counted.estimated) {
        // Many matches: ranking them all is what block-max WAND avoids. (Few: the count has
        // just read them, and ranking them is as cheap.)
        best(searcher, &r, &query, q.offset, limit)?
    } else {
        searcher.search(
            &query,
            &TopDocs::with_limit(limit)
                .and_offset(q.offset)
                .order_by_score(),
        )?
    };
    timings.collect = started.elapsed();

    let started = Instant::now();
    let snippets = match &parsed {
        Some(t) if !page.is_empty() => Some(cutter(searcher, &**t, f.body)?),
        _ => None,
    };
    let mut hits = Vec::with_capacity(page.len());
    for (score, addr) in page {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let id = doc.get_first(f.id).and_then(|v| v.as_u64()).unwrap_or(0);
        let kind = doc
            .get_first(f.kind)
            .and_then(|v| v.as_str())
            .and_then(DocKind::from_name)
            .unwrap_or(DocKind::Article);
        let snippet = match (&snippets, doc.get_first(f.body).and_then(|v| v.as_str())) {
            (Some(s), Some(body)) => snippet::snippet(s, body),
            _ => Vec::new(),
        };
        hits.push(Hit {
            kind,
            id,
            score,
            snippet,
        });
    }
    timings.fetch = started.elapsed();
    Ok((
        SearchResults {
            total: counted.n,
            articles: counted.n.saturating_sub(videos.n),
            videos: videos.n,
            hits,
            estimated: counted.estimated || videos.estimated,
        },
        timings,
    ))
}

/// What cuts the snippets of the hits for `query`, in `field`.
fn cutter(searcher: &Searcher, query: &dyn Query, field: Field) -> Result<Snippets> {
    let mut terms: BTreeMap<String, Score> = BTreeMap::new();
    let mut prefixes = Vec::new();
    let mut missing = Vec::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            if let Some(text) = term.value().as_str() {
                missing.push((term.clone(), text.to_owned()));
            }
        }
    });
    for (term, text) in missing {
        // As tantivy's own generator: rarer words weigh more in choosing the fragment.
        let freq = searcher.doc_freq(&term)?;
        if freq > 0 && !terms.contains_key(&text) {
            prefixes.push(text.chars().take(4).collect());
            terms.insert(text, 1.0 / (1.0 + freq as Score));
        }
    }
    let analyzer = searcher.index().tokenizer_for_field(field)?;
    Ok(Snippets {
        generator: SnippetGenerator::new(terms, analyzer, field, SNIPPET_CHARS),
        prefixes,
        quick: quick_analyzer(),
    })
}

/// The page `offset..offset + limit` of `query`'s matches by relevance, from the best
/// documents of its loosened form (see `relax`).
fn best(
    searcher: &Searcher,
    relaxed: &Relaxed,
    query: &dyn Query,
    offset: usize,
    limit: usize,
) -> Result<Vec<(Score, DocAddress)>> {
    if relaxed.same {
        return Ok(searcher.search(
            &relaxed.query,
            &TopDocs::with_limit(limit)
                .and_offset(offset)
                .order_by_score(),
        )?);
    }
    let need = offset + limit;
    let mut k = (need * 4).max(64);
    loop {
        let candidates: Vec<DocAddress> = searcher
            .search(&relaxed.query, &TopDocs::with_limit(k).order_by_score())?
            .into_iter()
            .map(|(_, a)| a)
            .collect();
        let exhausted = candidates.len() < k;
        let mut found = matching(searcher, query, &candidates, true)?;
        if found.len() >= need || exhausted {
            found.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            return Ok(found.into_iter().skip(offset).take(limit).collect());
        }
        if k >= MAX_CANDIDATES {
            break;
        }
        k = (k * 8).min(MAX_CANDIDATES);
    }
    // Matches are rare among the best documents of the words (words that seldom meet): the
    // query as it is.
    Ok(searcher.search(
        query,
        &TopDocs::with_limit(limit)
            .and_offset(offset)
            .order_by_score(),
    )?)
}
