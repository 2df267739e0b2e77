#![doc = include_str!("../README.md")]

mod error;
mod format;
mod storage;
mod upload;
mod validate;
mod variants;
mod video;

#[cfg(test)]
mod test_images;

pub use error::MediaError;
pub use format::ImageFormat;
pub use storage::{dated_path, random_tag, upload_stem, MediaStorage, MAX_STEM_CHARS};
pub use upload::{store_upload, StoredImage};
pub use validate::{validate_image, ImageInfo, Limits, WEBP_MAX_SIDE};
pub use variants::{process, variant_widths, Processed, Variant, VARIANT_WIDTHS};
pub use video::{
    sniff_video, StoredVideo, VideoFormat, VideoUpload, MAX_VIDEO_BYTES, VIDEO_SNIFF_BYTES,
};
