//! `kiosque generate` (hidden): fills a site with many plausible generated articles and their
//! comments, for the benchmarks (`scripts/bench-page.sh`, `scripts/bench-memory.sh`): memory
//! with 100,000 articles, pages rendered cold. Everything goes through the store's ordinary
//! writes, so the data has the shape a newsroom's would; running it again with the same numbers
//! updates the same articles (their source keys) instead of adding more.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use kiosque_domain::account::Roles;
use kiosque_domain::article::{ArticleDraft, ArticleStatus, Block};
use kiosque_domain::comment::CommentStatus;
use kiosque_domain::CommentMode;

use crate::Env;

#[derive(clap::Args)]
pub struct GenerateArgs {
    /// How many articles to write.
    #[arg(long, default_value_t = 100_000)]
    articles: u32,
    /// Comments under each article (published, by generated members).
    #[arg(long, default_value_t = 3)]
    comments: u32,
    /// Seed of the generator: the same seed writes the same site.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Leave the search index alone (by default it is rebuilt at the end, as `kiosque reindex`).
    #[arg(long)]
    no_index: bool,
}

/// Sentences articles are made of: plausible French news prose, clearly generated.
const SENTENCES: &[&str] = &[
    "Le conseil municipal a adopté le projet après trois heures de débat.",
    "Selon les chiffres publiés mardi, la hausse atteint 4,2 % sur un an.",
    "Les syndicats appellent à une nouvelle journée de mobilisation jeudi.",
    "La préfecture a annoncé des mesures de restriction jusqu’à la fin du mois.",
    "Les habitants du quartier dénoncent un manque de concertation.",
    "Le ministre doit s’exprimer devant l’Assemblée nationale la semaine prochaine.",
    "Les négociations reprendront lundi à Bruxelles, selon une source diplomatique.",
    "L’entreprise prévoit de créer 300 emplois d’ici à deux ans.",
    "Le festival a accueilli plus de 80 000 spectateurs sur quatre jours.",
    "Les chercheurs ont publié leurs résultats dans une revue internationale.",
    "L’équipe s’est imposée deux buts à un au terme d’un match disputé.",
    "Les associations réclament un plan d’urgence pour l’hébergement.",
    "La cour d’appel rendra sa décision le 14 du mois prochain.",
    "Le trafic ferroviaire sera perturbé ce week-end sur plusieurs lignes.",
    "Les prix de l’énergie pèsent toujours sur le budget des ménages.",
    "Une enquête a été ouverte pour déterminer les causes de l’incendie.",
];

const TOPICS: &[&str] = &[
    "budget",
    "climat",
    "élections",
    "santé",
    "école",
    "transports",
    "logement",
    "agriculture",
    "énergie",
    "culture",
    "football",
    "justice",
    "numérique",
    "retraites",
    "industrie",
    "océans",
];

const COMMENTS: &[&str] = &[
    "Merci pour cet article très clair.",
    "On aimerait connaître l’avis des premiers concernés.",
    "Les chiffres cités méritent d’être comparés à ceux de l’an dernier.",
    "Article intéressant, mais la conclusion me semble hâtive.",
    "Quelqu’un sait-il quand la décision sera appliquée ?",
];

/// A small deterministic generator (SplitMix64): the site must be the same for a given seed,
/// and no randomness crate is needed for that.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn paragraph(rng: &mut Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| rng.pick(SENTENCES))
        .collect::<Vec<_>>()
        .join(" ")
}

fn draft(rng: &mut Rng, n: u32, section: &str, now: i64) -> ArticleDraft {
    let topic = rng.pick(TOPICS);
    let other = rng.pick(TOPICS);
    let mut body = Vec::new();
    for p in 0..(4 + rng.below(6)) {
        if p == 3 {
            body.push(Block::Intertitle {
                text: format!("Ce que change la décision sur {other}"),
            });
        }
        let sentences = 2 + rng.below(4);
        body.push(Block::Paragraph {
            text: paragraph(rng, sentences),
        });
    }
    // Spread over five years, newest first by number, so listings have a long tail.
    let age_ms = i64::from(n) * 1_577_000;
    ArticleDraft {
        source_key: Some(format!("generated:{n}")),
        section: section.to_owned(),
        title: format!(
            "{} : le point sur le dossier {topic} (n° {n})",
            capital(topic)
        ),
        standfirst: Some(paragraph(rng, 1)),
        hero: None,
        hero_video: None,
        body,
        tags: vec![capital(topic), capital(other)],
        authors: vec![format!("Rédaction {}", capital(rng.pick(TOPICS)))],
        status: ArticleStatus::Published,
        published_at: Some(now - age_ms),
        published_time_known: true,
        updated_at: None,
        comment_mode: CommentMode::Open,
        slug: None,
        seo_title: None,
        seo_description: None,
    }
}

fn capital(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub async fn run(env: &Env, args: GenerateArgs) -> anyhow::Result<ExitCode> {
    let store = env.open_store().await?;
    let mut sections: Vec<String> = store
        .sections()
        .await?
        .into_iter()
        .map(|s| s.slug)
        .collect();
    if sections.is_empty() {
        store
            .upsert_section("actualite", "Actualité", None, None, 0)
            .await
            .context("creating the section of generated articles")?;
        sections.push("actualite".to_owned());
    }
    // A few members write every comment: accounts cost an argon2 hash each otherwise.
    let mut members = Vec::new();
    if args.comments > 0 {
        for k in 0..20 {
            let email = format!("lecteur{k}@generated.invalid");
            let user = match store.user_by_email(&email).await? {
                Some(u) => u,
                None => {
                    // No usable password: these accounts only exist to sign comments.
                    store
                        .create_user(&email, &format!("Lecteur {k}"), "!", &Roles::member(), true)
                        .await?
                }
            };
            members.push(user.id);
        }
    }
    let mut rng = Rng(args.seed);
    let now = chrono::Utc::now().timestamp_millis();
    let started = Instant::now();
    let mut comments = 0u64;
    for n in 1..=args.articles {
        let section = &sections[rng.below(sections.len())];
        let d = draft(&mut rng, n, section, now);
        let up = store
            .upsert_article(&d)
            .await
            .with_context(|| format!("generated article {n}"))?;
        // Only new articles get comments, so that a second run adds none.
        if up.created {
            for c in 0..args.comments {
                let author = members[(n as usize + c as usize) % members.len()];
                let body = format!("{} ({c})", rng.pick(COMMENTS));
                store
                    .post_comment(up.id, author, None, &body, CommentStatus::Published)
                    .await
                    .with_context(|| format!("comment {c} of generated article {n}"))?;
                comments += 1;
            }
        }
        if n % 10_000 == 0 {
            eprintln!(
                "{n} articles written ({:.0}/s)",
                f64::from(n) / started.elapsed().as_secs_f64()
            );
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "generated {} articles and {comments} comments in {secs:.1} s ({:.0} articles/s)",
        args.articles,
        f64::from(args.articles) / secs.max(0.001)
    );
    if !args.no_index {
        let dir = kiosque_search::SearchIndex::dir_of(&env.data_dir);
        let (index, _) = kiosque_search::SearchIndex::open(&dir)
            .with_context(|| format!("cannot open the search index in {}", dir.display()))?;
        let index = Arc::new(index);
        let cursor = store.last_change_id().await?;
        let t = Instant::now();
        let indexed = kiosque_jobs::indexer::rebuild(&store, &index).await?;
        std::fs::write(dir.join("kiosque-cursor"), cursor.to_string())
            .context("cannot save the index cursor")?;
        println!(
            "search index rebuilt: {indexed} articles in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    store.close().await;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_writes_the_same_article() {
        let a = draft(&mut Rng(7), 12, "monde", 0);
        let b = draft(&mut Rng(7), 12, "monde", 0);
        assert_eq!(a.title, b.title);
        assert_eq!(a.body.len(), b.body.len());
        assert!(a.validate().is_ok(), "a generated draft is a valid article");
        assert_eq!(capital("énergie"), "Énergie");
    }
}
