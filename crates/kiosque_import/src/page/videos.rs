//! The `À regarder` video rail that follows the article, and the videos it gives.

use std::collections::HashSet;

use kiosque_domain::article::MAX_TITLE_CHARS;
use kiosque_domain::slug::slugify;
use kiosque_domain::VideoDraft;

use super::lines::{has_alphanumeric, is_boilerplate, is_rail_start};
use super::meta::parse_image_line;
use super::model::ImportedPage;

/// The rail's video titles, read after `À regarder` until the boilerplate that ends the rail.
#[derive(Debug, Default)]
pub(super) struct Rail {
    /// In page order, each once.
    pub(super) titles: Vec<String>,
    /// The titles already in `titles`, so that a long rail stays linear to read.
    seen: HashSet<String>,
    /// Past the boilerplate: what follows is page chrome.
    ended: bool,
}

impl Rail {
    pub(super) fn push(&mut self, line: String) {
        if self.ended {
            return;
        }
        if is_boilerplate(&line) {
            self.ended = true;
        } else if has_alphanumeric(&line)
            && parse_image_line(&line).is_none()
            && !is_rail_start(&line)
            && line.chars().count() <= MAX_TITLE_CHARS
            && self.seen.insert(line.clone())
        {
            self.titles.push(line);
        }
    }
}

impl ImportedPage {
    /// One video per rail title, newest first: the first listed is published at `now_ms`,
    /// each next one a second earlier.
    pub fn video_drafts(&self, now_ms: i64) -> Vec<VideoDraft> {
        self.videos
            .iter()
            .enumerate()
            .map(|(index, title)| {
                let offset = i64::try_from(index)
                    .unwrap_or(i64::MAX)
                    .saturating_mul(1000);
                VideoDraft {
                    source_key: Some(format!("video:{}", slugify(title))),
                    title: title.clone(),
                    section: None,
                    poster: None,
                    duration_seconds: None,
                    file_path: None,
                    embed_url: None,
                    published_at: now_ms.saturating_sub(offset),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::page::test_support::date;
    use crate::page::{parse_page, ImportedPage};

    #[test]
    fn rail_thumbnails_and_trailing_chrome_are_ignored() {
        let page = parse_page(
            "Titre\nUn paragraphe.\nÀ regarder\n-\n/2020/01/01/thumb.jpg)\nVidéo un\n-\n\
             Vidéo un\n-\nVidéo deux\nCommentaires\nMentions légales\nPublié le 02/01/2020\n"
                .as_bytes(),
        )
        .expect("parses");
        assert_eq!(page.videos, ["Vidéo un", "Vidéo deux"]);
        assert!(page.images.is_empty());
        assert_eq!(page.published_on, Some(date(2020, 1, 2)));
        assert_eq!(page.body.len(), 1);
    }

    #[test]
    fn video_offsets_saturate() {
        let page = ImportedPage {
            title: "T".into(),
            topic: None,
            standfirst: None,
            hero_image: None,
            images: vec![],
            published_on: None,
            published_time: None,
            updated_on: None,
            body: vec![],
            videos: vec!["A".into(), "B".into()],
            authors: vec![],
        };
        let v = page.video_drafts(i64::MIN);
        assert_eq!(v[0].published_at, i64::MIN);
        assert_eq!(v[1].published_at, i64::MIN);
    }
}
