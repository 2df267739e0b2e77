//! What the index holds and what a search asks and answers: the documents, the schema with its
//! French analyzer, and the query and result types.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::TantivyDocument;

use crate::analysis::pairs;

use crate::snippet::SnippetRun;

/// The article's id: stored, and a fast field read without the stored document.
pub(crate) const ID_FIELD: &str = "id";

pub(crate) const ANALYZER: &str = "fr";

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
    pub(crate) fn key(self, id: u64) -> String {
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
    /// How many documents match in all: `articles + videos`; an estimate when `estimated`.
    pub total: usize,
    pub articles: usize,
    pub videos: usize,
    pub hits: Vec<Hit>,
    /// The counts are estimated from part of the index: counting every match of a frequent word
    /// would cost more than finding the page (say "about").
    pub estimated: bool,
}

#[derive(Clone, Copy)]
pub(crate) struct Fields {
    /// `article` or `video`.
    pub(crate) kind: Field,
    /// Unique across kinds (`a:12`, `v:12`): what updates and deletions name.
    pub(crate) key: Field,
    /// The id within its kind.
    pub(crate) id: Field,
    pub(crate) title: Field,
    pub(crate) standfirst: Field,
    pub(crate) body: Field,
    pub(crate) section: Field,
    pub(crate) section_name: Field,
    pub(crate) tag: Field,
    pub(crate) tag_name: Field,
    pub(crate) author: Field,
    pub(crate) author_name: Field,
    pub(crate) published: Field,
    /// Each two words that follow each other in a searched field (`accord de`, `de paix`): a
    /// phrase of common words is looked for only where its pairs are.
    pub(crate) pairs: Field,
}

/// The schema, in one place, with its named analyzer.
pub(crate) fn schema() -> (Schema, Fields) {
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
        id: b.add_u64_field(ID_FIELD, STORED | FAST),
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
        pairs: b.add_text_field("pairs", STRING),
    };
    (b.build(), fields)
}

/// The fields the reader's words are looked for in, with the weight of a match in each: a
/// title match counts more than a body match.
pub(crate) fn searched_fields(f: &Fields) -> [(Field, f32); 6] {
    [
        (f.title, 4.0),
        (f.standfirst, 2.0),
        (f.body, 1.0),
        (f.section_name, 1.0),
        (f.tag_name, 2.0),
        (f.author_name, 1.0),
    ]
}

pub(crate) fn to_document(d: &ArticleDoc, f: &Fields, a: &mut TextAnalyzer) -> TantivyDocument {
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
    let texts = [&d.title, &d.standfirst, &d.body, &d.section_name]
        .into_iter()
        .chain(&d.tag_names)
        .chain(&d.author_names);
    for pair in pairs(a, texts) {
        doc.add_text(f.pairs, pair);
    }
    doc
}

pub(crate) fn video_document(d: &VideoDoc, f: &Fields, a: &mut TextAnalyzer) -> TantivyDocument {
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
    for pair in pairs(a, [&d.title, &d.section_name]) {
        doc.add_text(f.pairs, pair);
    }
    doc
}
