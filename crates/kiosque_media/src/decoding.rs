//! How many uploaded images are decoded at once, and how large they may be. Decoding takes
//! seconds of CPU and up to 8 bytes per pixel: four 40-megapixel PNGs in parallel (116 KB each
//! on the wire) took a server from 0.55 to 1.68 GB. So uploads decode one or two at a time (the
//! others wait their turn), and the pixel bound is a little lower than a 6,300 × 6,300 image,
//! still above the photographs of the cameras newsrooms use (33 megapixels). The binary sets
//! both from its flags, once, before serving.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The default pixel bound: 35 megapixels.
pub const DEFAULT_MAX_PIXELS: u64 = 35_000_000;

/// The default number of images decoded at once.
pub const DEFAULT_DECODES: usize = 2;

static MAX_PIXELS: AtomicU64 = AtomicU64::new(DEFAULT_MAX_PIXELS);
static TURNS: OnceLock<Arc<Semaphore>> = OnceLock::new();

/// Sets the pixel bound of [`crate::Limits::default`] and the number of decodes at once; the
/// latter only before the first upload (later calls keep the first number).
pub fn set_decoding(max_pixels: u64, at_once: usize) {
    MAX_PIXELS.store(max_pixels.max(1), Ordering::Relaxed);
    let _ = TURNS.set(Arc::new(Semaphore::new(at_once.max(1))));
}

pub(crate) fn max_pixels() -> u64 {
    MAX_PIXELS.load(Ordering::Relaxed)
}

/// Waits for a turn to decode; the turn ends when the permit is dropped.
pub(crate) async fn turn() -> Option<OwnedSemaphorePermit> {
    TURNS
        .get_or_init(|| Arc::new(Semaphore::new(DEFAULT_DECODES)))
        .clone()
        .acquire_owned()
        .await
        .ok()
}
