#![doc = include_str!("../README.md")]

mod audio;
mod audio_meta;
mod decoding;
mod error;
mod format;
mod location;
mod staged;
mod storage;
mod tone;
mod upload;
mod validate;
mod variants;
mod video;

#[cfg(test)]
mod test_images;

pub use audio::{AudioUpload, StoredAudio, MAX_AUDIO_BYTES};
pub use audio_meta::{audio_duration, sniff_audio, AUDIO_SNIFF_BYTES};
pub use decoding::{set_decoding, DEFAULT_DECODES, DEFAULT_MAX_PIXELS};
pub use error::MediaError;
pub use format::ImageFormat;
pub use location::{MediaLocation, MediaUrlError};
pub use storage::{
    dated_path, mime_of_path, random_tag, upload_stem, MediaStorage, MAX_STEM_CHARS,
};
pub use tone::tone_wav;
pub use upload::{store_upload, StoredImage};
pub use validate::{validate_image, ImageInfo, Limits, WEBP_MAX_SIDE};
pub use variants::{process, variant_widths, Processed, Variant, VARIANT_WIDTHS};
pub use video::{
    sniff_video, StoredVideo, VideoFormat, VideoUpload, MAX_VIDEO_BYTES, VIDEO_SNIFF_BYTES,
};
