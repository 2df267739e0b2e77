//! Deciding whether uploaded bytes are an image Kiosque accepts, cheapest check first: the
//! byte count, then the magic bytes, then the dimensions the header declares, and only then a
//! full decode. A hostile file is thus refused before it can make us allocate what it
//! declares.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageError, ImageReader};

use crate::format::ImageFormat;
use crate::MediaError;

/// The largest side a WebP image can have. Every variant is WebP, so a larger original could
/// be stored but never shown.
pub const WEBP_MAX_SIDE: u32 = 16_383;

/// What an upload may weigh and measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted file, checked before anything is decoded.
    pub max_bytes: usize,
    /// Largest accepted width × height: a decoded image takes up to 8 bytes per pixel.
    pub max_pixels: u64,
    /// Longest accepted side; values above [`WEBP_MAX_SIDE`] act as [`WEBP_MAX_SIDE`].
    pub max_side: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 15 * 1024 * 1024,
            max_pixels: crate::decoding::max_pixels(),
            max_side: WEBP_MAX_SIDE,
        }
    }
}

impl Limits {
    fn effective_max_side(&self) -> u32 {
        self.max_side.min(WEBP_MAX_SIDE)
    }

    /// The decoder's own limits: if our header check were ever fooled, the decoder still refuses
    /// to allocate more than the largest image we accept.
    fn decoder_limits(&self) -> image::Limits {
        let mut limits = image::Limits::default();
        limits.max_image_width = Some(self.effective_max_side());
        limits.max_image_height = Some(self.effective_max_side());
        limits.max_alloc = Some(self.alloc_budget());
        limits
    }

    /// 16-bit RGBA is the widest pixel our three formats decode to.
    fn alloc_budget(&self) -> u64 {
        self.max_pixels
            .saturating_mul(8)
            .saturating_add(16 * 1024 * 1024)
    }
}

/// An accepted image. `width` and `height` are as displayed, after the EXIF orientation a
/// camera recorded: a portrait photo stored sideways is reported as portrait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageInfo {
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
}

/// Checks that `bytes` are a whole JPEG, PNG or WebP image within `limits`, decoding it fully
/// (a truncated or corrupt file is refused). The file name plays no part.
pub fn validate_image(bytes: &[u8], limits: &Limits) -> Result<ImageInfo, MediaError> {
    decode(bytes, limits).map(|decoded| decoded.info)
}

pub(crate) struct Decoded {
    pub info: ImageInfo,
    /// Upright: the EXIF orientation is already applied.
    pub image: DynamicImage,
}

pub(crate) fn decode(bytes: &[u8], limits: &Limits) -> Result<Decoded, MediaError> {
    if bytes.is_empty() {
        return Err(MediaError::Empty);
    }
    if bytes.len() > limits.max_bytes {
        return Err(MediaError::TooHeavy {
            size: bytes.len(),
            max_bytes: limits.max_bytes,
        });
    }
    let format = ImageFormat::detect(bytes).ok_or(MediaError::NotAnImage)?;

    let (width, height) = header_dimensions(bytes, format, limits)?;
    check_dimensions(width, height, limits)?;

    let mut reader = ImageReader::with_format(Cursor::new(bytes), format.to_image());
    reader.limits(limits.decoder_limits());
    let mut decoder = reader
        .into_decoder()
        .map_err(|error| refusal(error, format, width, height, limits))?;
    // A missing or unreadable EXIF block is common and harmless: the image is then upright.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder)
        .map_err(|error| refusal(error, format, width, height, limits))?;
    if format == ImageFormat::Jpeg {
        require_jpeg_end(bytes)?;
    }
    image.apply_orientation(orientation);

    let info = ImageInfo {
        format,
        width: image.width(),
        height: image.height(),
    };
    Ok(Decoded { info, image })
}

/// Reads only the header. The decoder's own size limits are left out here so that an oversized
/// image is reported with its dimensions; what the header parse may allocate is still capped.
fn header_dimensions(
    bytes: &[u8],
    format: ImageFormat,
    limits: &Limits,
) -> Result<(u32, u32), MediaError> {
    let mut header_limits = image::Limits::default();
    header_limits.max_alloc = Some(limits.alloc_budget());
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format.to_image());
    reader.limits(header_limits);
    reader.into_dimensions().map_err(|error| match error {
        ImageError::Unsupported(_) => MediaError::UnsupportedEncoding {
            format,
            source: error,
        },
        other => MediaError::Unreadable { source: other },
    })
}

fn check_dimensions(width: u32, height: u32, limits: &Limits) -> Result<(), MediaError> {
    // The pixel count first: it is the limit people meet, and the one the message explains best.
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(MediaError::TooManyPixels {
            width,
            height,
            max_pixels: limits.max_pixels,
        });
    }
    let max_side = limits.effective_max_side();
    if width > max_side || height > max_side {
        return Err(MediaError::SideTooLong {
            width,
            height,
            max_side,
        });
    }
    if width == 0 || height == 0 {
        return Err(MediaError::Unreadable {
            source: ImageError::Decoding(image::error::DecodingError::new(
                image::error::ImageFormatHint::Unknown,
                "the header declares an empty image",
            )),
        });
    }
    Ok(())
}

fn refusal(
    error: ImageError,
    format: ImageFormat,
    width: u32,
    height: u32,
    limits: &Limits,
) -> MediaError {
    match error {
        // The dimensions passed our check, so the decoder balked at what the pixels would cost.
        ImageError::Limits(_) => MediaError::TooManyPixels {
            width,
            height,
            max_pixels: limits.max_pixels,
        },
        ImageError::Unsupported(_) => MediaError::UnsupportedEncoding {
            format,
            source: error,
        },
        other => MediaError::Unreadable { source: other },
    }
}

/// The JPEG decoder fills a truncated scan with grey rather than failing, so an upload cut
/// short would be stored half grey. A whole JPEG reaches its end-of-image marker; finding it
/// means walking the segments, since an EXIF thumbnail carries an end marker of its own.
fn require_jpeg_end(bytes: &[u8]) -> Result<(), MediaError> {
    if jpeg_reaches_end(bytes) {
        Ok(())
    } else {
        Err(MediaError::Unreadable {
            source: ImageError::Decoding(image::error::DecodingError::new(
                image::error::ImageFormatHint::Exact(image::ImageFormat::Jpeg),
                "the file ends before the end-of-image marker",
            )),
        })
    }
}

fn jpeg_reaches_end(bytes: &[u8]) -> bool {
    const EOI: u8 = 0xD9;
    const SOS: u8 = 0xDA;
    let is_standalone = |marker: u8| matches!(marker, 0x01 | 0xD0..=0xD8);
    let segment_len = |at: usize| -> Option<usize> {
        let high = *bytes.get(at)?;
        let low = *bytes.get(at + 1)?;
        Some(usize::from(u16::from_be_bytes([high, low])))
    };
    let mut at = 0;
    loop {
        // Decoders skip stray bytes between segments, so this walk does too.
        while bytes.get(at).is_some_and(|&byte| byte != 0xFF) {
            at += 1;
        }
        // Any number of 0xFF may pad a marker.
        while bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let Some(&marker) = bytes.get(at + 1) else {
            return false;
        };
        match marker {
            EOI => return true,
            marker if is_standalone(marker) => at += 2,
            SOS => {
                let Some(len) = segment_len(at + 2) else {
                    return false;
                };
                at += 2 + len;
                // Entropy-coded data: 0xFF is followed by a stuffed 0x00 or a restart marker;
                // anything else is the next segment's marker.
                while let Some(&byte) = bytes.get(at) {
                    let next = bytes.get(at + 1).copied();
                    if byte == 0xFF && !matches!(next, Some(0x00 | 0xD0..=0xD7)) {
                        break;
                    }
                    at += 1;
                }
            }
            _ => {
                let Some(len) = segment_len(at + 2) else {
                    return false;
                };
                at += 2 + len;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use proptest::prelude::*;

    use super::*;
    use crate::test_images::{jpeg, png, png_header, webp, with_exif_orientation};

    fn limits() -> Limits {
        Limits::default()
    }

    #[test]
    fn accepts_jpeg_png_and_webp_by_content() {
        let cases = [
            (jpeg(64, 48), ImageFormat::Jpeg),
            (png(64, 48), ImageFormat::Png),
            (webp(64, 48), ImageFormat::Webp),
        ];
        for (bytes, format) in cases {
            let info = validate_image(&bytes, &limits()).expect("a valid image");
            assert_eq!(
                info,
                ImageInfo {
                    format,
                    width: 64,
                    height: 48
                }
            );
        }
        assert_eq!(ImageFormat::Jpeg.mime(), "image/jpeg");
        assert_eq!(ImageFormat::Webp.extension(), "webp");
    }

    #[test]
    fn refuses_what_is_not_an_image() {
        assert!(matches!(
            validate_image(b"hello", &limits()),
            Err(MediaError::NotAnImage)
        ));
        assert!(matches!(
            validate_image(b"", &limits()),
            Err(MediaError::Empty)
        ));
        assert!(matches!(
            validate_image(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>", &limits()),
            Err(MediaError::NotAnImage)
        ));
        // A GIF is an image, but not one of ours.
        assert!(matches!(
            validate_image(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", &limits()),
            Err(MediaError::NotAnImage)
        ));
    }

    #[test]
    fn refuses_truncated_and_corrupt_files() {
        // A PNG's last 12 bytes are its end chunk, which the decoder does not need: cut there,
        // the picture is whole, and browsers show it.
        for (name, bytes, tail) in [
            ("jpeg", jpeg(64, 48), 1),
            ("png", png(64, 48), 13),
            ("webp", webp(64, 48), 1),
        ] {
            for cut in [
                bytes.len() / 4,
                bytes.len() / 2,
                bytes.len() * 3 / 4,
                bytes.len() - tail,
            ] {
                let result = validate_image(&bytes[..cut], &limits());
                assert!(
                    matches!(result, Err(MediaError::Unreadable { .. })),
                    "{name} cut at {cut}: {result:?}"
                );
            }
        }
        // The frame header of a JPEG overwritten: the magic bytes are right, nothing else is.
        let mut corrupt = jpeg(64, 48);
        let end = corrupt.len() - 2;
        corrupt[4..end].fill(0x5A);
        assert!(matches!(
            validate_image(&corrupt, &limits()),
            Err(MediaError::Unreadable { .. })
        ));
    }

    #[test]
    fn a_jpeg_reaches_its_end_marker_only_when_whole() {
        let whole = with_exif_orientation(&jpeg(40, 30), 1);
        assert!(jpeg_reaches_end(&whole));
        for cut in 0..whole.len() {
            assert!(!jpeg_reaches_end(&whole[..cut]), "cut at {cut}");
        }
        // Cameras append data after the image; it is still whole.
        let mut trailer = whole.clone();
        trailer.extend_from_slice(b"\0\0SAMSUNG trailer");
        assert!(jpeg_reaches_end(&trailer));
    }

    #[test]
    fn refuses_a_huge_declared_image_without_decoding_it() {
        let bytes = png_header(30_000, 30_000);
        let started = Instant::now();
        let error = validate_image(&bytes, &limits()).expect_err("30000 × 30000 is too large");
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "took {:?}",
            started.elapsed()
        );
        assert!(
            matches!(
                error,
                MediaError::TooManyPixels {
                    width: 30_000,
                    height: 30_000,
                    ..
                }
            ),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            "L’image est trop grande (30000 × 30000 pixels\u{a0}; 35 mégapixels au plus)."
        );

        // Within the pixel budget, but longer than a WebP can be.
        let error = validate_image(&png_header(20_000, 100), &limits()).expect_err("too long");
        assert!(
            matches!(
                error,
                MediaError::SideTooLong {
                    width: 20_000,
                    height: 100,
                    max_side: WEBP_MAX_SIDE
                }
            ),
            "{error:?}"
        );

        // The header is believed, then the decoder proves the file holds no such image.
        let error = validate_image(&png_header(2_000, 1_000), &limits()).expect_err("no pixels");
        assert!(matches!(error, MediaError::Unreadable { .. }), "{error:?}");
    }

    #[test]
    fn refuses_an_oversize_file_before_looking_at_it() {
        let small = Limits {
            max_bytes: 1_000,
            ..Limits::default()
        };
        let bytes = png(200, 200);
        assert!(bytes.len() > 1_000);
        assert!(matches!(
            validate_image(&bytes, &small),
            Err(MediaError::TooHeavy {
                max_bytes: 1_000,
                ..
            })
        ));
        // Not even the magic bytes are read: 15 MiB and one byte of anything is too heavy.
        let heavy = vec![0u8; 15 * 1024 * 1024 + 1];
        let error = validate_image(&heavy, &limits()).expect_err("too heavy");
        assert_eq!(
            error.to_string(),
            "Le fichier dépasse la taille maximale de 15 Mo."
        );
    }

    #[test]
    fn a_pixel_limit_below_the_image_refuses_it() {
        let tight = Limits {
            max_pixels: 1_000,
            ..Limits::default()
        };
        assert!(matches!(
            validate_image(&jpeg(64, 48), &tight),
            Err(MediaError::TooManyPixels {
                width: 64,
                height: 48,
                ..
            })
        ));
    }

    #[test]
    fn reports_dimensions_upright_after_exif_orientation() {
        let bytes = with_exif_orientation(&jpeg(64, 32), 6);
        let info = validate_image(&bytes, &limits()).expect("a valid image");
        assert_eq!((info.width, info.height), (32, 64));
    }

    /// The magic bytes of each accepted format, so that random bodies reach the decoders.
    fn headed_bytes() -> impl Strategy<Value = Vec<u8>> {
        let heads: [&'static [u8]; 4] = [
            b"",
            b"\xFF\xD8\xFF",
            b"\x89PNG\r\n\x1a\n",
            b"RIFF\x00\x01\x00\x00WEBPVP8 ",
        ];
        (
            prop::sample::select(heads.to_vec()),
            prop::collection::vec(any::<u8>(), 0..2048),
        )
            .prop_map(|(head, body)| {
                let mut bytes = head.to_vec();
                bytes.extend(body);
                bytes
            })
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in headed_bytes()) {
            let _ = validate_image(&bytes, &Limits::default());
        }

        #[test]
        fn a_damaged_valid_image_never_panics(cut in 0usize..4096, flips in prop::collection::vec((0usize..4096, any::<u8>()), 0..8)) {
            for mut bytes in [jpeg(48, 32), png(48, 32), webp(48, 32)] {
                for &(at, value) in &flips {
                    let at = at % bytes.len();
                    bytes[at] = value;
                }
                bytes.truncate(cut.max(1));
                let _ = validate_image(&bytes, &Limits::default());
            }
        }
    }
}
