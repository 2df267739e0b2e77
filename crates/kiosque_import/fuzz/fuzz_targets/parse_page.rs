//! Feeds arbitrary bytes to `parse_page`. It must never panic, and every page it accepts must
//! give a draft that the store accepts and one video draft per rail title.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(page) = kiosque_import::parse_page(data) {
        let draft = page.to_draft("monde", 0);
        if let Err(error) = draft.validate() {
            panic!("a parsed page gave an invalid draft: {error}: {page:?}");
        }
        assert_eq!(draft.source_key, Some(page.source_key()));
        let videos = page.video_drafts(1_700_000_000_000);
        assert_eq!(videos.len(), page.videos.len());
    }
});
