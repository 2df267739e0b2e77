//! Snippets as a reader sees them on the search page: typographic quotes and apostrophes, an
//! ellipsis where the excerpt is cut from the middle of the text, a phrase marked as one.

use kiosque_search::{ArticleDoc, SearchIndex, SearchQuery, SnippetRun};

const BODY: &str = "Le président russe a appelé son homologue syrien. Vladimir Poutine s'est \
entretenu avec Bachar Al-Assad, vendredi 23 décembre, \"pour le féliciter de la fin des \
opérations de libération d'Alep des rebelles\".\nVendredi matin, Vladimir Poutine, qui s'est \
rendu maître du jeu en Syrie au point d'avoir réussi à presque totalement écarter Washington \
du processus de résolution du conflit, avait jugé que la reprise d'Alep était \"un pas très \
important\" vers la paix. Il a ajouté que 80 000 civils avaient été évacués.";

fn index() -> SearchIndex {
    let index = SearchIndex::in_memory().expect("index");
    index
        .apply(
            &[ArticleDoc {
                id: 1,
                title: "Syrie : Poutine appelle Al-Assad".into(),
                body: BODY.into(),
                sections: vec!["monde".into()],
                section_name: "Monde".into(),
                published_at: 1_482_500_000_000,
                ..ArticleDoc::default()
            }],
            &[],
        )
        .expect("apply");
    index
}

fn snippet(q: &str) -> Vec<SnippetRun> {
    let found = index()
        .search(&SearchQuery {
            text: q.into(),
            limit: 10,
            ..SearchQuery::default()
        })
        .expect("search");
    assert_eq!(found.hits.len(), 1, "{q}");
    found.hits[0].snippet.clone()
}

fn shown(runs: &[SnippetRun]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

fn marks(runs: &[SnippetRun]) -> Vec<String> {
    runs.iter()
        .filter(|r| r.highlighted)
        .map(|r| r.text.clone())
        .collect()
}

#[test]
fn a_phrase_is_highlighted_as_one_mark() {
    let runs = snippet("\"Bachar al-Assad\"");
    assert_eq!(marks(&runs), ["Bachar Al-Assad"]);
}

#[test]
fn snippets_use_french_typography_and_ellipses() {
    let runs = snippet("Bachar");
    let text = shown(&runs);
    assert!(text.contains("s’est"), "{text}");
    assert!(text.contains("«\u{a0}pour le féliciter"), "{text}");
    assert!(!text.contains('\'') && !text.contains('"'), "{text}");
    // The excerpt starts with the text and ends with its paragraph: no ellipsis.
    assert!(
        text.starts_with("Le président") && text.ends_with("rebelles\u{a0}»."),
        "{text}"
    );
    let runs = snippet("paix");
    let text = shown(&runs);
    // Cut from the middle of a paragraph: it says so; it ends with the text.
    assert!(
        text.starts_with("…\u{a0}") && text.ends_with("évacués."),
        "{text}"
    );
    assert!(
        text.contains("«\u{a0}un pas très important\u{a0}»"),
        "{text}"
    );
    assert!(text.contains("80\u{202f}000 civils"), "{text}");
    // Cut at a word boundary: the first word is whole.
    let first = text.trim_start_matches("…\u{a0}");
    let word: String = first.chars().take_while(|c| c.is_alphanumeric()).collect();
    assert!(BODY.contains(&format!(" {word}")), "{text}");
}
