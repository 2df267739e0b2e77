//! Running a search: the reader's words and filters made into a tantivy query, the page of
//! hits collected, counted, and their snippets cut.

use std::time::{Duration, Instant};

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{Order, Searcher, TantivyDocument, Term};

use crate::error::Result;
use crate::model::{DocKind, Fields, Hit, SearchQuery, SearchResults};
use crate::snippet;

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

/// A filter: restricts the matches without changing their scores.
pub(crate) fn only(q: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(q, 0.0))
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
    let (text_query, _errors) = if text.is_empty() {
        (Box::new(AllQuery) as Box<dyn Query>, Vec::new())
    } else {
        parser.parse_query_lenient(text)
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
    let term = |field: Field, value: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        ))
    };
    if let Some(s) = &q.section {
        clauses.push((Occur::Must, term(f.section, s)));
    }
    if let Some(t) = &q.tag {
        clauses.push((Occur::Must, term(f.tag, t)));
    }
    if let Some(a) = &q.author {
        clauses.push((Occur::Must, term(f.author, a)));
    }
    if let Some(kind) = q.kind {
        clauses.push((Occur::Must, only(term(f.kind, kind.as_str()))));
    }
    if q.from.is_some() || q.to.is_some() {
        let lo = q.from.unwrap_or(i64::MIN);
        let hi = q.to.unwrap_or(i64::MAX);
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new(
                std::ops::Bound::Included(Term::from_field_i64(f.published, lo)),
                std::ops::Bound::Included(Term::from_field_i64(f.published, hi)),
            )),
        ));
    }
    let query = BooleanQuery::new(clauses);
    let limit = q.limit.clamp(1, 100);
    timings.parse = started.elapsed();
    let started = Instant::now();
    let total = searcher.search(&query, &Count)?;
    let videos = match q.kind {
        Some(DocKind::Article) => 0,
        Some(DocKind::Video) => total,
        None if total == 0 => 0,
        None => searcher.search(
            &BooleanQuery::new(vec![
                (Occur::Must, Box::new(query.clone())),
                (Occur::Must, only(term(f.kind, DocKind::Video.as_str()))),
            ]),
            &Count,
        )?,
    };
    timings.count = started.elapsed();
    let started = Instant::now();
    let addresses: Vec<(f32, tantivy::DocAddress)> = if q.by_date || text.is_empty() {
        searcher
            .search(
                &query,
                &TopDocs::with_limit(limit)
                    .and_offset(q.offset)
                    .order_by_fast_field::<i64>("published", Order::Desc),
            )?
            .into_iter()
            .map(|(_, a)| (0.0, a))
            .collect()
    } else {
        searcher.search(&query, &TopDocs::with_limit(limit).and_offset(q.offset))?
    };
    timings.collect = started.elapsed();
    let started = Instant::now();
    let snippets = if text.is_empty() {
        None
    } else {
        let mut g = tantivy::snippet::SnippetGenerator::create(searcher, &*text_query, f.body)?;
        g.set_max_num_chars(220);
        Some(g)
    };
    let mut hits = Vec::with_capacity(addresses.len());
    for (score, addr) in addresses {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let id = doc.get_first(f.id).and_then(|v| v.as_u64()).unwrap_or(0);
        let kind = doc
            .get_first(f.kind)
            .and_then(|v| v.as_str())
            .and_then(DocKind::from_name)
            .unwrap_or(DocKind::Article);
        let snippet = match (&snippets, doc.get_first(f.body).and_then(|v| v.as_str())) {
            (Some(g), Some(body)) => snippet::snippet(g, body),
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
            total,
            articles: total.saturating_sub(videos),
            videos,
            hits,
            estimated: false,
        },
        timings,
    ))
}
