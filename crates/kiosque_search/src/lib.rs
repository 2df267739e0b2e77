#![doc = include_str!("../README.md")]

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

mod analysis;
mod count;
mod error;
mod exec;
mod model;
mod newest;
mod relax;
mod snippet;
mod verify;

pub use analysis::french_analyzer;
pub use count::EXACT_COUNT;
pub use error::SearchError;
pub use exec::Timings;
pub use model::{ArticleDoc, DocKind, Hit, SearchQuery, SearchResults, VideoDoc};
pub use snippet::SnippetRun;

use error::Result;
use exec::only;
use model::{schema, searched_fields, to_document, video_document, Fields, ANALYZER};

/// Bump when the schema or the analysis changes: an index of another version is rebuilt.
/// 2: videos beside articles (`kind`, and a `key` unique across kinds).
/// 3: the word pairs of the searched fields (`pairs`), for phrases.
/// 4: tantivy 0.27 (its stemmer is another implementation of the same Snowball rules).
pub const SCHEMA_VERSION: &str = "4";
const VERSION_FILE: &str = "kiosque-schema-version";

/// The search index of a site.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<Option<IndexWriter>>,
    fields: Fields,
    /// Built once: it holds the schema and the analyzers, the same for every search.
    parser: QueryParser,
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
            // Read where a query or a stored document needs it, not ahead: readahead made the
            // whole document store resident after a crawl of related articles (30 MB of
            // 31 MB), for a few kilobytes used per article.
            Index::open(tantivy::directory::MmapDirectory::open_with_madvice(
                dir,
                tantivy::directory::Advice::Random,
            )?)?
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
        let parser = parser(&index, &fields);
        Ok(SearchIndex {
            index,
            reader,
            writer: Mutex::new(None),
            fields,
            parser,
        })
    }

    pub fn dir_of(data_dir: &Path) -> PathBuf {
        data_dir.join("search-index")
    }

    fn new_writer(&self) -> Result<IndexWriter> {
        self.index.writer(50_000_000).map_err(|e| match e {
            tantivy::TantivyError::LockFailure(lock, _) => SearchError::Busy(lock.to_string()),
            other => SearchError::Index(other),
        })
    }

    /// Runs `f` with the index writer (created on first use), then commits and reloads.
    fn write<T>(&self, f: impl FnOnce(&mut IndexWriter, &Fields) -> Result<T>) -> Result<T> {
        let mut guard = self
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let writer = match guard.as_mut() {
            Some(w) => w,
            None => guard.insert(self.new_writer()?),
        };
        let out = f(writer, &self.fields)?;
        writer.commit()?;
        self.reader.reload()?;
        Ok(out)
    }

    /// Merges the index into one segment, once the merges under way are done. A bulk build
    /// (a rebuild, `kiosque reindex`) leaves dozens of segments, and a search visits each: at a
    /// million articles, one segment answers several times faster. Writes wait meanwhile.
    pub fn compact(&self) -> Result<()> {
        let mut guard = self
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(w) = guard.take() {
            w.wait_merging_threads()?;
        }
        let mut writer = self.new_writer()?;
        let segments = self.index.searchable_segment_ids()?;
        if segments.len() > 1 {
            writer.merge(&segments).wait()?;
        }
        *guard = Some(writer);
        self.reader.reload()?;
        Ok(())
    }

    /// Adds or replaces articles, and removes those in `deleted`, in one commit.
    pub fn apply(&self, upserts: &[ArticleDoc], deleted: &[u64]) -> Result<()> {
        self.write(|w, f| {
            for id in deleted.iter().chain(upserts.iter().map(|d| &d.id)) {
                w.delete_term(Term::from_field_text(f.key, &DocKind::Article.key(*id)));
            }
            let mut analyzer = french_analyzer();
            for d in upserts {
                w.add_document(to_document(d, f, &mut analyzer))?;
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
            let mut analyzer = french_analyzer();
            for d in upserts {
                w.add_document(video_document(d, f, &mut analyzer))?;
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

    /// How many segments the index is in: a search visits each (the benchmark reports it).
    pub fn segment_count(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults> {
        self.search_timed(q).map(|(r, _)| r)
    }

    /// [`SearchIndex::search`], with the time each step took (for the benchmark).
    pub fn search_timed(&self, q: &SearchQuery) -> Result<(SearchResults, Timings)> {
        exec::search(&self.reader.searcher(), &self.parser, &self.fields, q)
    }

    /// Articles like this article, from the same index ("À lire aussi"); never videos.
    pub fn related(&self, id: u64, limit: usize) -> Result<Vec<u64>> {
        let f = self.fields;
        let searcher = self.reader.searcher();
        let key = DocKind::Article.key(id);
        let found = searcher.search(
            &TermQuery::new(Term::from_field_text(f.key, &key), IndexRecordOption::Basic),
            &TopDocs::with_limit(1).order_by_score(),
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
        // The ids from their fast field, not the stored documents: reading ten documents per
        // article page made the whole document store resident after a crawl.
        for (_, a) in searcher.search(&query, &TopDocs::with_limit(limit + 1).order_by_score())? {
            let ids = searcher
                .segment_reader(a.segment_ord)
                .fast_fields()
                .u64(model::ID_FIELD)?;
            if let Some(other) = ids.first(a.doc_id) {
                if other != id && out.len() < limit {
                    out.push(other);
                }
            }
        }
        Ok(out)
    }
}

/// The reader's words are looked for in every searched field, all of them required.
fn parser(index: &Index, f: &Fields) -> QueryParser {
    let fields = searched_fields(f);
    let mut p = QueryParser::for_index(index, fields.iter().map(|(f, _)| *f).collect());
    for (field, boost) in fields {
        if boost != 1.0 {
            p.set_field_boost(field, boost);
        }
    }
    p.set_conjunction_by_default();
    p
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
