//! The French analysis, and the word pairs that make phrases fast.

use std::collections::BTreeSet;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer,
};

/// Elided articles and particles, left alone by the tokenizer (`l'armée` → `l`, `armée`).
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// The French analyzer up to its stemmer: words split, elisions dropped, lowercased, folded.
/// Snippets use it to find cheaply where a long body may match.
pub(crate) fn quick_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

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

/// Each two analysed words that follow each other in one of the texts, once: `accord de`, `de
/// paix`. A phrase matches only a document holding every pair of its words, and the pairs are
/// rare where the words are not: a phrase of common words (`"accord de paix"`, 117 documents
/// in a million, each of its words in most of them) is then checked in few documents instead of
/// half the index.
pub(crate) fn pairs<'t>(
    analyzer: &mut TextAnalyzer,
    texts: impl IntoIterator<Item = &'t String>,
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for text in texts {
        let mut stream = analyzer.token_stream(text);
        let mut previous: Option<(String, usize)> = None;
        while let Some(t) = stream.next() {
            if let Some((word, at)) = &previous {
                // Next to each other: a dropped elision leaves a gap a phrase does not bridge.
                if t.position == at + 1 {
                    out.insert(format!("{word} {}", t.text));
                }
            }
            previous = Some((t.text.clone(), t.position));
        }
    }
    out
}

/// The pairs every match of the reader's phrases must hold, or nothing when the query is not
/// plainly a conjunction (an `OR`, a field, a slop): then no pair is required.
pub(crate) fn required_pairs(text: &str) -> Vec<String> {
    if text.contains(':') || text.contains(" OR ") || !text.matches('"').count().is_multiple_of(2) {
        return Vec::new();
    }
    let mut analyzer = french_analyzer();
    let mut out = Vec::new();
    let parts: Vec<&str> = text.split('"').collect();
    // Odd parts are quoted; a phrase after `-` is excluded, one followed by `~` has a slop.
    for i in (1..parts.len()).step_by(2) {
        let excluded = parts[i - 1].ends_with('-');
        let slop = parts.get(i + 1).is_some_and(|next| next.starts_with('~'));
        if excluded || slop {
            continue;
        }
        let phrase = parts[i].to_owned();
        out.extend(pairs(&mut analyzer, [&phrase]));
    }
    out
}
