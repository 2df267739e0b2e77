//! The demo's podcast: one show and three episodes whose sound is generated here (held tones,
//! written as WAV, which needs no encoder), so that the demo plays on a fresh machine with
//! nothing more installed. Titles and descriptions say plainly that they are demo sounds.
//! The files go through the same upload path as the newsroom's (recognised, measured, stored
//! in the media folder); the rows are written as the operator.

use anyhow::Context;
use kiosque_domain::podcast::{AudioSource, EpisodeDraft, ShowDraft};
use kiosque_domain::MediaRef;
use kiosque_media::{tone_wav, AudioUpload, MAX_AUDIO_BYTES};
use kiosque_store::Store;

/// Samples per second of the demo tones: a telephone's, plenty for a sine and small on disk.
const RATE: u32 = 8000;

/// (title, description, seconds, frequency in Hz)
const EPISODES: [(&str, &str, u32, f64); 3] = [
    (
        "Son de démonstration 1 : un la à 440 Hz",
        "Épisode de démonstration : ce n’est pas un enregistrement, mais un son généré par Kiosque (une note tenue, le la du diapason) pour montrer le lecteur, le flux et le téléchargement.\nTranscription : aucune parole, vingt secondes d’une note tenue.",
        20,
        440.0,
    ),
    (
        "Son de démonstration 2 : un do à 523 Hz",
        "Épisode de démonstration : un son généré, une note tenue un peu plus aiguë.\nTranscription : aucune parole, trente secondes d’une note tenue.",
        30,
        523.25,
    ),
    (
        "Son de démonstration 3 : un mi grave à 330 Hz",
        "Épisode de démonstration : un son généré, une note tenue plus grave.\nTranscription : aucune parole, quarante-cinq secondes d’une note tenue.",
        45,
        329.63,
    ),
];

/// Writes a generated tone through the upload path; the stored file and what it says.
async fn tone_file(
    env: &crate::Env,
    day: chrono::NaiveDate,
    seconds: u32,
    hz: f64,
) -> anyhow::Result<kiosque_media::StoredAudio> {
    let mut upload = AudioUpload::new(
        &env.media,
        &env.staging_dir,
        day,
        "son-de-demonstration",
        MAX_AUDIO_BYTES,
    );
    upload
        .push(&tone_wav(seconds, hz, RATE))
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    upload
        .finish()
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .context("an empty demo sound")
}

/// Loads the demo show and its episodes; `image` is its artwork, when the demo has photographs.
pub async fn load(store: &Store, env: &crate::Env, image: Option<MediaRef>) -> anyhow::Result<()> {
    let show = store
        .create_show(
            &ShowDraft {
                title: "Le Diapason, podcast de démonstration".to_owned(),
                description: "Un podcast de démonstration de Kiosque : ses épisodes sont des sons générés (des notes tenues), pas des enregistrements. Abonnez-vous à son flux dans une application de podcasts pour voir comment elle le lit.".to_owned(),
                image,
                category: "News".to_owned(),
                explicit: false,
                author: "Rédaction de Kiosque (démo)".to_owned(),
            },
            None,
        )
        .await
        .context("the demo show")?;
    let now = chrono::Utc::now();
    let day = now.date_naive();
    for (i, (title, description, seconds, hz)) in EPISODES.iter().enumerate() {
        let file = tone_file(env, day, *seconds, *hz).await?;
        let draft = EpisodeDraft {
            show_id: show.id,
            title: (*title).to_owned(),
            description: (*description).to_owned(),
            duration_seconds: Some(file.seconds()),
            source: AudioSource::File {
                path: file.path().to_owned(),
                bytes: i64::try_from(file.bytes()).unwrap_or(i64::MAX),
                format: file.format(),
            },
            image: None,
        };
        // The first episode is the oldest, a day apart.
        let at = now.timestamp_millis() - (EPISODES.len() - i) as i64 * 86_400_000;
        store
            .create_episode(&draft, at, None)
            .await
            .with_context(|| format!("demo episode {title:?}"))?;
        file.keep();
    }
    tracing::info!(episodes = EPISODES.len(), "demo podcast loaded");
    Ok(())
}
