//! Feeds arbitrary bytes to `validate_image`. It must never panic, never accept an image
//! beyond the limits, and every image it accepts must also go through `process`: an upload
//! that passes validation and then fails must never reach a journalist.

#![no_main]

use kiosque_media::{process, validate_image, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Small limits keep each run fast; the checks are the same at any size.
    let limits = Limits {
        max_bytes: 1 << 20,
        max_pixels: 1_000_000,
        max_side: 4096,
    };
    if let Ok(info) = validate_image(data, &limits) {
        assert!(u64::from(info.width) * u64::from(info.height) <= limits.max_pixels);
        assert!(info.width <= limits.max_side && info.height <= limits.max_side);
        let processed = match process(data, &limits) {
            Ok(processed) => processed,
            Err(error) => panic!("validated ({info:?}) but not processed: {error}"),
        };
        assert_eq!(processed.info, info);
        assert!(!processed.variants.is_empty());
    }
});
