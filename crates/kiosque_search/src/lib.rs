#![doc = include_str!("../README.md")]

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, MoreLikeThisQuery, Occur, Query, QueryParser,
    RangeQuery, TermQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED, STORED,
    STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer,
};
use tantivy::{Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, Term};
use thiserror::Error;

mod snippet;

pub use snippet::SnippetRun;

/// Bump when the schema or the analysis changes: an index of another version is rebuilt.
/// 2: videos beside articles (`kind`, and a `key` unique across kinds).
pub const SCHEMA_VERSION: &str = "2";
const VERSION_FILE: &str = "kiosque-schema-version";
const ANALYZER: &str = "fr";

#[derive(Debug, Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index folder: {0}")]
    Io(#[from] std::io::Error),
    #[error("search index: {0}")]
    Open(#[from] tantivy::directory::error::OpenDirectoryError),
    /// Another process (a running server) holds the index's writer.
    #[error("the search index is being written by another process: {0}")]
    Busy(String),
}

type Result<T> = std::result::Result<T, SearchError>;

/// What a document of the index is. Articles and videos number their ids apart: article 12 and
/// video 12 are two documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    Article,
    Video,
}

impl DocKind {
    /// `article` or `video`, as stored in the index (and as the API names them).
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Article => "article",
            DocKind::Video => "video",
        }
    }

    /// The kind named `article` or `video`.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "article" => Some(DocKind::Article),
            "video" => Some(DocKind::Video),
            _ => None,
        }
    }

    /// The term that names one document of the index, unique across kinds: `a:12`, `v:12`.
    fn key(self, id: u64) -> String {
        match self {
            DocKind::Article => format!("a:{id}"),
            DocKind::Video => format!("v:{id}"),
        }
    }
}

/// What is indexed of an article.
#[derive(Debug, Clone, Default)]
pub struct ArticleDoc {
    pub id: u64,
    pub title: String,
    pub standfirst: String,
    pub body: String,
    /// The section's slug and its ancestors' (a search in "monde" finds "europe" articles).
    pub sections: Vec<String>,
    pub section_name: String,
    pub tags: Vec<String>,
    pub tag_names: Vec<String>,
    pub authors: Vec<String>,
    pub author_names: Vec<String>,
    /// Unix milliseconds.
    pub published_at: i64,
}

/// What is indexed of a video: its title, and its section when it has one. Videos carry no
/// tags nor authors, so a search filtered by tag or author never finds one.
#[derive(Debug, Clone, Default)]
pub struct VideoDoc {
    pub id: u64,
    pub title: String,
    /// The section's slug and its ancestors', or nothing.
    pub sections: Vec<String>,
    pub section_name: String,
    /// Unix milliseconds.
    pub published_at: i64,
}

/// A search as a reader asks it.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    pub text: String,
    pub section: Option<String>,
    pub tag: Option<String>,
    pub author: Option<String>,
    /// Unix milliseconds, inclusive.
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub by_date: bool,
    /// Only documents of this kind; `None` finds articles and videos alike.
    pub kind: Option<DocKind>,
    pub offset: usize,
    pub limit: usize,
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub kind: DocKind,
    /// The id of the article or of the video, after `kind`.
    pub id: u64,
    pub score: f32,
    pub snippet: Vec<SnippetRun>,
}

#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    /// How many documents match in all: `articles + videos`.
    pub total: usize,
    pub articles: usize,
    pub videos: usize,
    pub hits: Vec<Hit>,
}

#[derive(Clone, Copy)]
struct Fields {
    /// `article` or `video`.
    kind: Field,
    /// Unique across kinds (`a:12`, `v:12`): what updates and deletions name.
    key: Field,
    /// The id within its kind.
    id: Field,
    title: Field,
    standfirst: Field,
    body: Field,
    section: Field,
    section_name: Field,
    tag: Field,
    tag_name: Field,
    author: Field,
    author_name: Field,
    published: Field,
}

/// The schema, in one place, with its named analyzer.
fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let fields = Fields {
        kind: b.add_text_field("kind", STRING | STORED),
        key: b.add_text_field("key", STRING),
        id: b.add_u64_field("id", STORED | FAST),
        title: b.add_text_field("title", text.clone()),
        standfirst: b.add_text_field("standfirst", text.clone()),
        body: b.add_text_field("body", text.clone()),
        section: b.add_text_field("section", STRING),
        section_name: b.add_text_field("section_name", text.clone()),
        tag: b.add_text_field("tag", STRING),
        tag_name: b.add_text_field("tag_name", text.clone()),
        author: b.add_text_field("author", STRING),
        author_name: b.add_text_field("author_name", text),
        published: b.add_i64_field("published", INDEXED | STORED | FAST),
    };
    (b.build(), fields)
}

/// Elided articles and particles, left alone by the tokenizer (`l'armée` → `l`, `armée`).
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

pub fn french_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(StopWordFilter::remove(
            ELISIONS.iter().map(|s| (*s).to_owned()),
        ))
        // Folding before stemming: readers type without accents as often as with, and both must
        // reach the same stem.
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::French))
        .build()
}

/// The search index of a site.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<Option<IndexWriter>>,
    fields: Fields,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it when missing. Returns whether it is new (or was of
    /// another schema version and was emptied): then it must be filled from the database.
    pub fn open(dir: &Path) -> Result<(Self, bool)> {
        let (schema, fields) = schema();
        std::fs::create_dir_all(dir)?;
        let version_file = dir.join(VERSION_FILE);
        // No version file (a new folder) or an unreadable one: either way the index cannot be
        // trusted, and rebuilding it from the database is always safe.
        let current = std::fs::read_to_string(&version_file).unwrap_or_default();
        let fresh = current.trim() != SCHEMA_VERSION;
        if fresh {
            // Another schema or none: start from an empty folder.
            for entry in std::fs::read_dir(dir)? {
                let path = entry?.path();
                if path.is_dir() {
                    std::fs::remove_dir_all(&path)?;
                } else {
                    std::fs::remove_file(&path)?;
                }
            }
        }
        let index = if fresh {
            Index::create_in_dir(dir, schema)?
        } else {
            Index::open_in_dir(dir)?
        };
        if fresh {
            std::fs::write(&version_file, SCHEMA_VERSION)?;
        }
        Self::with_index(index, fields).map(|s| (s, fresh))
    }

    /// An index in memory (tests, benchmarks).
    pub fn in_memory() -> Result<Self> {
        let (schema, fields) = schema();
        Self::with_index(Index::create_in_ram(schema), fields)
    }

    fn with_index(index: Index, fields: Fields) -> Result<Self> {
        index.tokenizers().register(ANALYZER, french_analyzer());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            writer: Mutex::new(None),
            fields,
        })
    }

    pub fn dir_of(data_dir: &Path) -> PathBuf {
        data_dir.join("search-index")
    }

    /// Runs `f` with the index writer (created on first use), then commits and reloads.
    fn write<T>(&self, f: impl FnOnce(&mut IndexWriter, &Fields) -> Result<T>) -> Result<T> {
        let mut guard = self
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if guard.is_none() {
            *guard = Some(self.index.writer(50_000_000).map_err(|e| match e {
                tantivy::TantivyError::LockFailure(lock, _) => SearchError::Busy(lock.to_string()),
                other => SearchError::Index(other),
            })?);
        }
        let Some(writer) = guard.as_mut() else {
            unreachable!("the writer was just created");
        };
        let out = f(writer, &self.fields)?;
        writer.commit()?;
        self.reader.reload()?;
        Ok(out)
    }

    /// Adds or replaces articles, and removes those in `deleted`, in one commit.
    pub fn apply(&self, upserts: &[ArticleDoc], deleted: &[u64]) -> Result<()> {
        self.write(|w, f| {
            for id in deleted.iter().chain(upserts.iter().map(|d| &d.id)) {
                w.delete_term(Term::from_field_text(f.key, &DocKind::Article.key(*id)));
            }
            for d in upserts {
                w.add_document(to_document(d, f))?;
            }
            Ok(())
        })
    }

    /// Adds or replaces videos, and removes those in `deleted`, in one commit. Articles of the
    /// same ids are left alone.
    pub fn apply_videos(&self, upserts: &[VideoDoc], deleted: &[u64]) -> Result<()> {
        self.write(|w, f| {
            for id in deleted.iter().chain(upserts.iter().map(|d| &d.id)) {
                w.delete_term(Term::from_field_text(f.key, &DocKind::Video.key(*id)));
            }
            for d in upserts {
                w.add_document(video_document(d, f))?;
            }
            Ok(())
        })
    }

    /// Empties the index (before a rebuild).
    pub fn clear(&self) -> Result<()> {
        self.write(|w, _| {
            w.delete_all_documents()?;
            Ok(())
        })
    }

    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn parser(&self) -> QueryParser {
        let f = &self.fields;
        let mut p = QueryParser::for_index(
            &self.index,
            vec![
                f.title,
                f.standfirst,
                f.body,
                f.section_name,
                f.tag_name,
                f.author_name,
            ],
        );
        // A title match counts more than a body match.
        p.set_field_boost(f.title, 4.0);
        p.set_field_boost(f.standfirst, 2.0);
        p.set_field_boost(f.tag_name, 2.0);
        p.set_conjunction_by_default();
        p
    }

    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults> {
        let f = self.fields;
        let searcher = self.reader.searcher();
        let text = q.text.trim();
        let (text_query, _errors) = if text.is_empty() {
            (Box::new(AllQuery) as Box<dyn Query>, Vec::new())
        } else {
            self.parser().parse_query_lenient(text)
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
        let snippets = if text.is_empty() {
            None
        } else {
            let mut g =
                tantivy::snippet::SnippetGenerator::create(&searcher, &*text_query, f.body)?;
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
        Ok(SearchResults {
            total,
            articles: total.saturating_sub(videos),
            videos,
            hits,
        })
    }

    /// Articles like this article, from the same index ("À lire aussi"); never videos.
    pub fn related(&self, id: u64, limit: usize) -> Result<Vec<u64>> {
        let f = self.fields;
        let searcher = self.reader.searcher();
        let key = DocKind::Article.key(id);
        let found = searcher.search(
            &TermQuery::new(Term::from_field_text(f.key, &key), IndexRecordOption::Basic),
            &TopDocs::with_limit(1),
        )?;
        let Some((_, addr)) = found.first() else {
            return Ok(Vec::new());
        };
        let like = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(1)
            .with_min_term_frequency(1)
            .with_min_word_length(4)
            .with_max_query_terms(25)
            .with_document(*addr);
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(like) as Box<dyn Query>),
            (
                Occur::Must,
                only(Box::new(TermQuery::new(
                    Term::from_field_text(f.kind, DocKind::Article.as_str()),
                    IndexRecordOption::Basic,
                ))),
            ),
            (
                Occur::MustNot,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.key, &key),
                    IndexRecordOption::Basic,
                )),
            ),
        ]);
        let mut out = Vec::new();
        for (_, a) in searcher.search(&query, &TopDocs::with_limit(limit + 1))? {
            let doc: TantivyDocument = searcher.doc(a)?;
            if let Some(other) = doc.get_first(f.id).and_then(|v| v.as_u64()) {
                if other != id && out.len() < limit {
                    out.push(other);
                }
            }
        }
        Ok(out)
    }
}

/// A filter: restricts the matches without changing their scores.
fn only(q: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(q, 0.0))
}

fn to_document(d: &ArticleDoc, f: &Fields) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, DocKind::Article.as_str());
    doc.add_text(f.key, DocKind::Article.key(d.id));
    doc.add_u64(f.id, d.id);
    doc.add_text(f.title, &d.title);
    doc.add_text(f.standfirst, &d.standfirst);
    doc.add_text(f.body, &d.body);
    for s in &d.sections {
        doc.add_text(f.section, s);
    }
    doc.add_text(f.section_name, &d.section_name);
    for t in &d.tags {
        doc.add_text(f.tag, t);
    }
    for t in &d.tag_names {
        doc.add_text(f.tag_name, t);
    }
    for a in &d.authors {
        doc.add_text(f.author, a);
    }
    for a in &d.author_names {
        doc.add_text(f.author_name, a);
    }
    doc.add_i64(f.published, d.published_at);
    doc
}

fn video_document(d: &VideoDoc, f: &Fields) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, DocKind::Video.as_str());
    doc.add_text(f.key, DocKind::Video.key(d.id));
    doc.add_u64(f.id, d.id);
    doc.add_text(f.title, &d.title);
    for s in &d.sections {
        doc.add_text(f.section, s);
    }
    if !d.section_name.is_empty() {
        doc.add_text(f.section_name, &d.section_name);
    }
    doc.add_i64(f.published, d.published_at);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        let mut a = french_analyzer();
        let mut stream = a.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push(t.text.clone());
        }
        out
    }

    #[test]
    fn french_analysis_folds_stems_and_drops_elisions() {
        assert_eq!(tokens("l'armée"), tokens("armée"));
        assert_eq!(tokens("Alep"), tokens("alep"));
        assert_eq!(tokens("félicite"), tokens("féliciter"));
        assert_eq!(tokens("Élysée"), tokens("elysee"));
        assert!(!tokens("qu'il").contains(&"qu".to_owned()));
    }
}
