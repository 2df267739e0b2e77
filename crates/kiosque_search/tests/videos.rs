//! Videos in the index beside articles: found by their titles, labelled with their kind, kept
//! apart from articles of the same id, and left out of what is for articles only.

use kiosque_search::{ArticleDoc, DocKind, SearchIndex, SearchQuery, VideoDoc};

const DAY: i64 = 86_400_000;

fn article(id: u64, title: &str, body: &str, day: i64) -> ArticleDoc {
    ArticleDoc {
        id,
        title: title.into(),
        body: body.into(),
        sections: vec!["monde".into()],
        section_name: "Monde".into(),
        tags: vec!["syrie".into()],
        tag_names: vec!["Syrie".into()],
        authors: vec!["claire-dubois".into()],
        author_names: vec!["Claire Dubois".into()],
        published_at: day * DAY,
        ..ArticleDoc::default()
    }
}

fn video(id: u64, title: &str, day: i64) -> VideoDoc {
    VideoDoc {
        id,
        title: title.into(),
        published_at: day * DAY,
        ..VideoDoc::default()
    }
}

/// Article 1 and video 1 share their id on purpose.
fn corpus() -> SearchIndex {
    let index = SearchIndex::in_memory().expect("index");
    index
        .apply(
            &[
                article(
                    1,
                    "Syrie : la reprise d'Alep",
                    "Les civils quittent la ville. Les pilotes de l'armée russe survolent Alep.",
                    100,
                ),
                article(
                    2,
                    "Musées : la fréquentation repart",
                    "Les visiteurs reviennent au Louvre après une année calme.",
                    200,
                ),
            ],
            &[],
        )
        .expect("apply articles");
    index
        .apply_videos(
            &[
                video(1, "Piétons zombies : les dangers du téléphone", 300),
                video(
                    2,
                    "Cambriolage au Louvre : une nacelle au cœur de l'enquête",
                    400,
                ),
            ],
            &[],
        )
        .expect("apply videos");
    index
}

fn found(index: &SearchIndex, q: SearchQuery) -> Vec<(DocKind, u64)> {
    index
        .search(&SearchQuery { limit: 20, ..q })
        .expect("search")
        .hits
        .iter()
        .map(|h| (h.kind, h.id))
        .collect()
}

fn text(t: &str) -> SearchQuery {
    SearchQuery {
        text: t.into(),
        ..SearchQuery::default()
    }
}

#[test]
fn a_video_is_found_by_a_word_of_its_title() {
    let index = corpus();
    assert_eq!(found(&index, text("zombies")), [(DocKind::Video, 1)]);
    // French analysis as for articles: accents and case folded, plurals stemmed.
    assert_eq!(found(&index, text("PIETON")), [(DocKind::Video, 1)]);
    assert_eq!(found(&index, text("nacelles")), [(DocKind::Video, 2)]);
}

#[test]
fn both_kinds_come_in_one_list_unless_one_is_asked_for() {
    let index = corpus();
    let mut both = found(&index, text("Louvre"));
    both.sort_by_key(|(k, id)| (k.as_str(), *id));
    assert_eq!(both, [(DocKind::Article, 2), (DocKind::Video, 2)]);
    let results = index
        .search(&SearchQuery {
            text: "Louvre".into(),
            limit: 10,
            ..SearchQuery::default()
        })
        .expect("search");
    assert_eq!((results.total, results.articles, results.videos), (2, 1, 1));

    let articles = index
        .search(&SearchQuery {
            text: "Louvre".into(),
            kind: Some(DocKind::Article),
            limit: 10,
            ..SearchQuery::default()
        })
        .expect("search");
    assert_eq!(
        (articles.total, articles.articles, articles.videos),
        (1, 1, 0)
    );
    assert_eq!(articles.hits.len(), 1);
    assert_eq!(articles.hits[0].kind, DocKind::Article);

    let videos = index
        .search(&SearchQuery {
            text: "Louvre".into(),
            kind: Some(DocKind::Video),
            limit: 10,
            ..SearchQuery::default()
        })
        .expect("search");
    assert_eq!((videos.total, videos.articles, videos.videos), (1, 0, 1));
    assert_eq!(videos.hits[0].kind, DocKind::Video);
}

#[test]
fn videos_sort_by_date_with_articles_and_match_date_filters() {
    let index = corpus();
    assert_eq!(
        found(
            &index,
            SearchQuery {
                by_date: true,
                from: Some(150 * DAY),
                ..SearchQuery::default()
            }
        ),
        [
            (DocKind::Video, 2),
            (DocKind::Video, 1),
            (DocKind::Article, 2)
        ]
    );
}

#[test]
fn tag_and_author_filters_leave_videos_out() {
    let index = corpus();
    for q in [
        SearchQuery {
            tag: Some("syrie".into()),
            ..SearchQuery::default()
        },
        SearchQuery {
            author: Some("claire-dubois".into()),
            ..SearchQuery::default()
        },
    ] {
        let hits = found(&index, q);
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|(k, _)| *k == DocKind::Article), "{hits:?}");
    }
}

#[test]
fn a_video_with_a_section_is_found_in_it() {
    let index = corpus();
    index
        .apply_videos(
            &[VideoDoc {
                section_name: "Europe".into(),
                sections: vec!["europe".into(), "monde".into()],
                ..video(3, "Le dirigeable survole Lisbonne", 500)
            }],
            &[],
        )
        .expect("apply");
    let in_monde = SearchQuery {
        text: "dirigeable".into(),
        section: Some("monde".into()),
        ..SearchQuery::default()
    };
    assert_eq!(found(&index, in_monde), [(DocKind::Video, 3)]);
    let in_sport = SearchQuery {
        text: "dirigeable".into(),
        section: Some("sport".into()),
        ..SearchQuery::default()
    };
    assert!(found(&index, in_sport).is_empty());
}

#[test]
fn an_article_and_a_video_of_the_same_id_do_not_clobber_each_other() {
    let index = corpus();
    assert_eq!(index.len(), 4);
    // Replacing video 1 leaves article 1 alone, and the other way round.
    index
        .apply_videos(&[video(1, "Piétons zombies : le retour", 300)], &[])
        .expect("apply");
    assert_eq!(index.len(), 4);
    assert_eq!(found(&index, text("alep")), [(DocKind::Article, 1)]);
    assert_eq!(found(&index, text("retour")), [(DocKind::Video, 1)]);
    index
        .apply(
            &[article(
                1,
                "Syrie : Alep reprise",
                "Les civils partent.",
                100,
            )],
            &[],
        )
        .expect("apply");
    assert_eq!(index.len(), 4);
    assert_eq!(found(&index, text("zombies")), [(DocKind::Video, 1)]);
    assert_eq!(found(&index, text("alep")), [(DocKind::Article, 1)]);
}

#[test]
fn deleting_a_video_removes_it_and_only_it() {
    let index = corpus();
    index.apply_videos(&[], &[1]).expect("delete");
    assert!(found(&index, text("zombies")).is_empty());
    assert_eq!(index.len(), 3);
    assert_eq!(
        found(&index, text("alep")),
        [(DocKind::Article, 1)],
        "article 1 stays"
    );
    // Deleting article 2 leaves video 2.
    index.apply(&[], &[2]).expect("delete");
    assert_eq!(found(&index, text("Louvre")), [(DocKind::Video, 2)]);
}

#[test]
fn related_reading_is_articles_only() {
    let index = corpus();
    index
        .apply_videos(
            &[video(
                9,
                "Alep : les civils quittent la ville, l'armée russe survole Alep",
                500,
            )],
            &[],
        )
        .expect("apply");
    index
        .apply(
            &[article(
                3,
                "Alep : les civils quittent la ville",
                "Les civils d'Alep partent sous les yeux de l'armée russe.",
                600,
            )],
            &[],
        )
        .expect("apply");
    let related = index.related(1, 5).expect("related");
    assert_eq!(related.first(), Some(&3), "{related:?}");
    assert!(!related.contains(&9), "a video is not related reading");
    assert!(!related.contains(&1), "not itself");
    // Related reading is asked for articles: there is no article 9, only a video.
    assert!(index.related(9, 5).expect("related").is_empty());
}

#[test]
fn an_index_of_the_articles_only_schema_is_rebuilt() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (index, fresh) = SearchIndex::open(dir.path()).expect("open");
    assert!(fresh, "a new index is filled from the database");
    index
        .apply_videos(&[video(1, "Piétons zombies", 300)], &[])
        .expect("apply");
    drop(index);
    let (index, fresh) = SearchIndex::open(dir.path()).expect("reopen");
    assert!(!fresh);
    assert_eq!(index.len(), 1);
    drop(index);
    // An index written before videos (schema "1") is emptied, to be rebuilt with them.
    std::fs::write(dir.path().join("kiosque-schema-version"), "1").expect("write");
    let (index, fresh) = SearchIndex::open(dir.path()).expect("reopen");
    assert!(fresh);
    assert!(index.is_empty());
}
