//! Search benchmark: generates a French news corpus (no download), builds an index on disk, and
//! reports the build rate, the index size, query latencies for a fixed mix, and peak memory.
//!
//! `cargo run --release -p kiosque_search --example bench -- 1000000` (see scripts/bench-search.sh)

use std::time::Instant;

use kiosque_search::{ArticleDoc, SearchIndex, SearchQuery};

/// Common words of French news copy, most frequent first; drawn with a Zipf-like skew.
const WORDS: &str = "le la les de des du un une et à en dans pour sur par avec au aux que qui ne pas plus \
ce cette ces son sa ses leur leurs il elle ils elles nous vous on est sont a ont été être avoir fait faire \
dit selon après avant depuis pendant entre contre sans sous vers chez mais ou donc or ni car aussi encore \
déjà très bien tout tous toute toutes autre autres même comme ainsi alors lors lorsque quand si où dont \
gouvernement président ministre pays ville région France Europe monde guerre paix accord sommet réunion \
projet loi réforme budget économie croissance emploi chômage inflation prix salaire entreprise usine \
travail grève syndicat retraite santé hôpital médecin patient vaccin école élève enseignant université \
étudiant justice tribunal procès juge police enquête sécurité attentat armée soldat conflit frontière \
réfugié migrant élection vote candidat parti campagne député sénat assemblée maire commune conseil \
climat réchauffement température sécheresse inondation tempête énergie électricité nucléaire solaire \
éolien pétrole gaz transport train avion route voiture vélo logement loyer immobilier banque marché \
bourse euro dollar dette impôt taxe aide subvention agriculture agriculteur récolte eau forêt animal \
culture musée exposition festival cinéma film livre auteur musique concert théâtre artiste sport match \
équipe joueur entraîneur victoire défaite championnat coupe finale stade supporter football rugby \
cyclisme tennis science chercheur étude découverte espace satellite fusée planète technologie internet \
réseau données numérique téléphone intelligence artificielle société famille enfant femme homme jeune \
personne habitant citoyen public privé national international local européen français américain \
russe chinois allemand britannique italien espagnol africain syrien ukrainien annonce déclaration \
décision mesure plan programme rapport chiffre hausse baisse record crise situation question problème \
solution débat discussion négociation tension manifestation rassemblement soutien critique opposition \
majorité minorité semaine mois année jour soir matin lundi mardi mercredi jeudi vendredi samedi dimanche \
janvier février mars avril mai juin juillet août septembre octobre novembre décembre premier dernier \
nouveau nouvelle grand grande petit petite important importante nombreux fort forte haut bas long court \
Alep Damas Kiev Moscou Paris Lyon Marseille Bruxelles Berlin Londres Rome Madrid Genève Washington Pékin \
Tokyo Dakar Abidjan Alger Tunis Rabat Beyrouth Bagdad Téhéran Istanbul Athènes Lisbonne Varsovie Vienne";

const SECTIONS: [&str; 10] = [
    "monde",
    "europe",
    "afrique",
    "france",
    "politique",
    "societe",
    "economie",
    "culture",
    "sport",
    "sciences",
];

struct Gen {
    words: Vec<&'static str>,
    rng: fastrand::Rng,
}

impl Gen {
    fn word(&mut self) -> &'static str {
        // Zipf-like: frequent words come first in the list.
        let x = self.rng.f64();
        let i = ((x * x * x) * self.words.len() as f64) as usize;
        self.words[i.min(self.words.len() - 1)]
    }

    fn sentence(&mut self, n: usize) -> String {
        let mut s = String::new();
        for i in 0..n {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(self.word());
        }
        s.push('.');
        s
    }

    fn doc(&mut self, id: u64) -> ArticleDoc {
        let body_words = 350 + self.rng.usize(..350);
        let mut body = String::with_capacity(body_words * 8);
        let mut written = 0;
        while written < body_words {
            let n = 12 + self.rng.usize(..18);
            body.push_str(&self.sentence(n));
            body.push(' ');
            written += n;
        }
        let section = SECTIONS[self.rng.usize(..SECTIONS.len())];
        let title_words = 8 + self.rng.usize(..7);
        let standfirst_words = 20 + self.rng.usize(..15);
        ArticleDoc {
            id,
            title: self.sentence(title_words),
            standfirst: self.sentence(standfirst_words),
            body,
            sections: vec![section.to_owned()],
            section_name: section.to_owned(),
            tags: vec![self.word().to_lowercase()],
            tag_names: vec![self.word().to_owned()],
            authors: vec![format!("auteur-{}", self.rng.usize(..200))],
            author_names: vec![format!("Auteur {}", self.rng.usize(..200))],
            // Ten years of news.
            published_at: 1_450_000_000_000 + self.rng.i64(..315_360_000_000),
        }
    }
}

fn dir_size(path: &std::path::Path) -> u64 {
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.metadata().map(|m| m.len()).unwrap_or(0))
                .sum()
        })
        .unwrap_or(0)
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// The median of some durations, in milliseconds.
fn median_ms(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    percentile(&v, 0.5)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut n: u64 = 100_000;
    // `--keep DIR`: the index is built in DIR and left there; a later run with the same N and
    // DIR measures the queries again without building it anew.
    let mut keep: Option<std::path::PathBuf> = None;
    while let Some(a) = args.next() {
        if a == "--keep" {
            keep = args.next().map(Into::into);
        } else if let Ok(v) = a.parse() {
            n = v;
        }
    }
    let temp = tempfile::tempdir()?;
    let path = keep.clone().unwrap_or_else(|| temp.path().to_owned());
    let (index, _) = SearchIndex::open(&path)?;
    let mut gen = Gen {
        words: WORDS.split_whitespace().collect(),
        rng: fastrand::Rng::with_seed(42),
    };
    println!("corpus: {n} generated French articles (350-700 words each)");
    if index.len() == n {
        println!("build: kept from an earlier run in {}", path.display());
    } else {
        index.clear()?;
        let started = Instant::now();
        let batch = 20_000;
        let mut id = 0;
        while id < n {
            let docs: Vec<ArticleDoc> = (id..(id + batch).min(n)).map(|i| gen.doc(i + 1)).collect();
            id += docs.len() as u64;
            index.apply(&docs, &[])?;
            eprintln!(
                "  indexed {id}/{n} ({:.0} articles/s)",
                id as f64 / started.elapsed().as_secs_f64()
            );
        }
        let filled = started.elapsed().as_secs_f64();
        // As a rebuild does: one segment for the searches.
        index.compact()?;
        let build = started.elapsed().as_secs_f64();
        println!(
            "build: {:.1} s ({:.1} s filling, {:.1} s merging), {:.0} articles/s",
            build,
            filled,
            build - filled,
            n as f64 / build
        );
    }
    println!(
        "index size: {:.1} MiB, {} segments",
        dir_size(&path) as f64 / 1_048_576.0,
        index.segment_count()
    );
    let mix: Vec<SearchQuery> = [
        ("gouvernement", None, false),
        ("réforme retraite", None, false),
        ("\"accord de paix\"", None, false),
        ("Alep", Some("monde"), false),
        ("climat -nucléaire", None, false),
        ("élection", None, true),
        ("l'armée ukrainienne", None, false),
        ("festival cinéma", Some("culture"), true),
    ]
    .into_iter()
    .map(|(text, section, by_date)| SearchQuery {
        text: text.into(),
        section: section.map(str::to_owned),
        by_date,
        limit: 10,
        ..SearchQuery::default()
    })
    .collect();
    // Warm up, then measure each query of the mix 50 times.
    for q in &mix {
        index.search(q)?;
    }
    let mut times = Vec::new();
    let mut per_query: Vec<Vec<(f64, kiosque_search::Timings, usize)>> =
        vec![Vec::new(); mix.len()];
    for _ in 0..50 {
        for (i, q) in mix.iter().enumerate() {
            let t = Instant::now();
            let (r, timings) = index.search_timed(q)?;
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            times.push(ms);
            per_query[i].push((ms, timings, r.total));
            std::hint::black_box(r);
        }
    }
    println!("per query (medians, ms): total = parse + count + collect + fetch/snippets; matches");
    for (q, runs) in mix.iter().zip(&per_query) {
        let med = |f: &dyn Fn(&(f64, kiosque_search::Timings, usize)) -> f64| {
            median_ms(runs.iter().map(f).collect())
        };
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        println!(
            "  {:<32} {:>7.2} = {:>6.2} + {:>6.2} + {:>6.2} + {:>6.2}; {}",
            format!(
                "{}{}{}",
                q.text,
                q.section
                    .as_deref()
                    .map(|s| format!(" in {s}"))
                    .unwrap_or_default(),
                if q.by_date { " by date" } else { "" }
            ),
            med(&|r| r.0),
            med(&|r| ms(r.1.parse)),
            med(&|r| ms(r.1.count)),
            med(&|r| ms(r.1.collect)),
            med(&|r| ms(r.1.fetch)),
            runs.first().map(|r| r.2).unwrap_or(0)
        );
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "queries: {} (8-query mix x 50), latency p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms",
        times.len(),
        percentile(&times, 0.50),
        percentile(&times, 0.95),
        percentile(&times, 0.99)
    );
    println!(
        "peak memory (VmHWM): {:.0} MiB",
        peak_rss_kib() as f64 / 1024.0
    );
    Ok(())
}
