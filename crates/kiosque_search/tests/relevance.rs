//! Search relevance on a small French corpus written for it: what a French reader expects.

use kiosque_search::{ArticleDoc, SearchIndex, SearchQuery};

fn doc(
    id: u64,
    title: &str,
    body: &str,
    section: &[&str],
    tags: &[&str],
    author: &str,
    day: i64,
) -> ArticleDoc {
    ArticleDoc {
        id,
        title: title.into(),
        standfirst: String::new(),
        body: body.into(),
        sections: section.iter().map(|s| (*s).to_owned()).collect(),
        section_name: section.first().copied().unwrap_or_default().to_owned(),
        tags: tags.iter().map(|t| kiosque_slug(t)).collect(),
        tag_names: tags.iter().map(|t| (*t).to_owned()).collect(),
        authors: vec![kiosque_slug(author)],
        author_names: vec![author.to_owned()],
        published_at: day * 86_400_000,
    }
}

fn kiosque_slug(s: &str) -> String {
    s.to_lowercase().replace(' ', "-").replace('é', "e")
}

fn corpus() -> SearchIndex {
    let index = SearchIndex::in_memory().expect("index");
    index
        .apply(
            &[
                doc(1, "Syrie : Poutine appelle Al-Assad afin de le féliciter pour la reprise d'Alep",
                    "Vladimir Poutine s'est entretenu avec Bachar Al-Assad. Il a jugé que la reprise d'Alep était un pas très important vers la paix. L'armée russe a évacué des civils.",
                    &["monde"], &["Syrie"], "Claire Dubois", 100),
                doc(2, "Climat : les glaciers des Andes reculent",
                    "Les scientifiques observent un recul rapide. Un pas important, très attendu, vers la transparence des données climatiques.",
                    &["sciences"], &["Climat"], "Paul Martin", 200),
                doc(3, "Diplomatie : la paix en Syrie au menu des discussions",
                    "Les diplomates européens se retrouvent à Genève. La Syrie et Alep sont au centre des échanges.",
                    &["europe", "monde"], &["Syrie", "Diplomatie"], "Claire Dubois", 300),
                doc(4, "Football : victoire à domicile",
                    "Le club a remporté le match. Les supporters ont félicité les joueurs après la rencontre.",
                    &["sport"], &["Football"], "Léa Bernard", 400),
                doc(5, "Une exposition à l'Élysée",
                    "Le palais ouvre ses portes. Des armées de visiteurs attendues ce week-end.",
                    &["culture"], &["Patrimoine"], "Paul Martin", 500),
                doc(6, "Économie : l'inflation ralentit",
                    "Selon l'Insee, les prix progressent moins vite. Alep n'est pas concernée par cette étude française.",
                    &["economie"], &["Inflation"], "Léa Bernard", 600),
            ],
            &[],
        )
        .expect("apply");
    index
}

fn ids(index: &SearchIndex, q: SearchQuery) -> Vec<u64> {
    index
        .search(&SearchQuery { limit: 20, ..q })
        .expect("search")
        .hits
        .iter()
        .map(|h| h.id)
        .collect()
}

fn text(t: &str) -> SearchQuery {
    SearchQuery {
        text: t.into(),
        ..SearchQuery::default()
    }
}

#[test]
fn accents_and_case_are_folded() {
    let index = corpus();
    assert!(ids(&index, text("alep")).contains(&1));
    assert!(ids(&index, text("ALEP")).contains(&1));
    assert!(ids(&index, text("bachar")).contains(&1));
    assert_eq!(ids(&index, text("elysee")), [5]);
    assert_eq!(ids(&index, text("économie inflation")), [6]);
}

#[test]
fn french_stemming_finds_other_forms() {
    let index = corpus();
    let found = ids(&index, text("félicite"));
    assert!(found.contains(&1), "féliciter: {found:?}");
    assert!(found.contains(&4), "félicité: {found:?}");
}

#[test]
fn elision_is_ignored() {
    let index = corpus();
    let with = ids(&index, text("l'armée"));
    let without = ids(&index, text("armée"));
    assert!(with.contains(&1));
    assert_eq!(with, without);
}

#[test]
fn phrases_match_words_in_order() {
    let index = corpus();
    assert_eq!(ids(&index, text("\"pas très important\"")), [1]);
    // The same words apart: both articles without quotes.
    let loose = ids(&index, text("pas très important"));
    assert!(loose.contains(&1) && loose.contains(&2), "{loose:?}");
}

#[test]
fn a_phrase_combines_with_words_fields_and_exclusions() {
    let index = corpus();
    // The phrase's pairs lead every clause (see `within` in exec.rs): the answers are those of
    // the query as written.
    assert_eq!(ids(&index, text("\"pas très important\" Poutine")), [1]);
    assert!(ids(&index, text("\"pas très important\" -Poutine")).is_empty());
    assert!(ids(&index, text("\"pas très important\" glaciers")).is_empty());
    assert_eq!(ids(&index, text("\"glaciers des Andes\"")), [2]);
    assert_eq!(ids(&index, text("\"reprise d'Alep\" Syrie")), [1]);
    let either = ids(&index, text("\"pas très important\" OR \"recul rapide\""));
    assert!(either.contains(&1) && either.contains(&2), "{either:?}");
}

#[test]
fn minus_excludes_a_word() {
    let index = corpus();
    let found = ids(&index, text("Alep -Poutine"));
    assert!(!found.contains(&1));
    assert!(found.contains(&3));
}

#[test]
fn a_title_match_ranks_above_a_body_match() {
    let index = corpus();
    // "Syrie" is in the titles of 1 and 3, and only in the body of none else; "Alep" is in the
    // title of 1 and only in the bodies of 3 and 6.
    let found = ids(&index, text("Alep"));
    assert_eq!(found.first(), Some(&1), "{found:?}");
}

#[test]
fn filters_by_section_tag_author_and_date() {
    let index = corpus();
    let all = |mut q: SearchQuery| {
        q.text = "syrie".into();
        ids(&index, q)
    };
    assert_eq!(
        all(SearchQuery {
            section: Some("europe".into()),
            ..Default::default()
        }),
        [3]
    );
    let mut monde = all(SearchQuery {
        section: Some("monde".into()),
        ..Default::default()
    });
    monde.sort();
    assert_eq!(
        monde,
        [1, 3],
        "a parent section finds its children's articles"
    );
    assert_eq!(
        ids(
            &index,
            SearchQuery {
                tag: Some("diplomatie".into()),
                ..Default::default()
            }
        ),
        [3]
    );
    let mut claire = ids(
        &index,
        SearchQuery {
            author: Some("claire-dubois".into()),
            ..Default::default()
        },
    );
    claire.sort();
    assert_eq!(claire, [1, 3]);
    let dated = ids(
        &index,
        SearchQuery {
            from: Some(250 * 86_400_000),
            to: Some(450 * 86_400_000),
            ..Default::default()
        },
    );
    assert_eq!(dated, [4, 3], "newest first when there is no text");
}

#[test]
fn sorting_by_date_and_pagination() {
    let index = corpus();
    let by_date = ids(
        &index,
        SearchQuery {
            text: "alep".into(),
            by_date: true,
            ..Default::default()
        },
    );
    assert_eq!(by_date, [6, 3, 1]);
    let page2 = index
        .search(&SearchQuery {
            text: "alep".into(),
            by_date: true,
            offset: 2,
            limit: 2,
            ..Default::default()
        })
        .expect("search");
    assert_eq!(page2.total, 3);
    assert_eq!(page2.hits.iter().map(|h| h.id).collect::<Vec<_>>(), [1]);
}

#[test]
fn snippets_highlight_the_matched_words() {
    let index = corpus();
    let results = index
        .search(&SearchQuery {
            text: "Bachar".into(),
            limit: 5,
            ..Default::default()
        })
        .expect("search");
    let snippet = &results.hits[0].snippet;
    assert!(
        snippet.iter().any(|r| r.highlighted && r.text == "Bachar"),
        "{snippet:?}"
    );
}

#[test]
fn absurd_queries_never_fail() {
    let index = corpus();
    for q in [
        "\"pas très".to_owned(),
        "AND OR NOT".to_owned(),
        "-".to_owned(),
        "\"\"".to_owned(),
        "title:".to_owned(),
        "((((".to_owned(),
        "alep ".repeat(2_000),
        "é".repeat(10_000),
    ] {
        assert!(
            index
                .search(&SearchQuery {
                    text: q.clone(),
                    limit: 10,
                    ..Default::default()
                })
                .is_ok(),
            "{q:.40}"
        );
    }
}

#[test]
fn related_articles_share_their_subject() {
    let index = corpus();
    let related = index.related(1, 3).expect("related");
    assert_eq!(related.first(), Some(&3), "{related:?}");
    assert!(!related.contains(&1));
}

#[test]
fn updates_replace_and_deletions_remove() {
    let index = corpus();
    let mut changed = doc(
        4,
        "Football : défaite à domicile",
        "Le club a perdu.",
        &["sport"],
        &[],
        "Léa Bernard",
        400,
    );
    changed.standfirst = "Une soirée difficile.".into();
    index.apply(&[changed], &[5]).expect("apply");
    assert_eq!(index.len(), 5);
    assert_eq!(ids(&index, text("défaite")), [4]);
    assert!(ids(&index, text("victoire")).is_empty());
    assert!(ids(&index, text("elysee")).is_empty());
}
