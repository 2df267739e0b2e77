//! From one decoded upload to what pages show: WebP variants at the widths of a `srcset`, and a
//! tiny blurred placeholder inlined as a data URI.

use base64::Engine as _;
use bytes::Bytes;
use image::imageops::FilterType;
use image::DynamicImage;

use crate::validate::{decode, ImageInfo, Limits};
use crate::MediaError;

/// The widths of the responsive variants. Each is made only when the original is wider, so
/// nothing is ever enlarged.
pub const VARIANT_WIDTHS: [u32; 5] = [320, 640, 960, 1280, 1920];

/// libwebp's scale: 80 keeps press photos free of visible artefacts at about a tenth of the
/// size of lossless WebP.
const WEBP_QUALITY: f32 = 80.0;

/// The placeholder fits in this square: a few hundred bytes at most once encoded.
const PLACEHOLDER_SIDE: u32 = 16;
const PLACEHOLDER_QUALITY: f32 = 40.0;

/// One responsive variant, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub bytes: Bytes,
    pub mime: &'static str,
}

/// An accepted upload and everything derived from it.
#[derive(Debug, Clone)]
pub struct Processed {
    pub info: ImageInfo,
    /// Narrowest first.
    pub variants: Vec<Variant>,
    /// `data:image/webp;base64,…`, to show while the real image loads.
    pub placeholder: String,
}

/// Validates `bytes` (see [`crate::validate_image`]), then makes the variants and the
/// placeholder from the upright image. CPU-heavy (about a second for a 12-megapixel photo):
/// call it from async code through [`crate::store_upload`] or `spawn_blocking`.
pub fn process(bytes: &[u8], limits: &Limits) -> Result<Processed, MediaError> {
    let decoded = decode(bytes, limits)?;
    let image = into_rgb_or_rgba(decoded.image);

    let mut variants: Vec<Variant> = Vec::new();
    // Widest first, so that each narrower variant can be made from a wider one.
    let mut made: Vec<DynamicImage> = Vec::new();
    for width in variant_widths(image.width()).into_iter().rev() {
        let height = scaled_height(image.width(), image.height(), width);
        // Starting from a variant at least twice as wide costs a fraction of starting from a
        // 12-megapixel original, and one intermediate step does not visibly soften.
        let source = made
            .iter()
            .rev()
            .find(|wider| wider.width() >= 2 * width)
            .unwrap_or(&image);
        let resized = if width == image.width() {
            image.clone()
        } else {
            source.resize_exact(width, height, FilterType::CatmullRom)
        };
        let bytes = encode_webp(&resized, WEBP_QUALITY)?;
        variants.push(Variant {
            width,
            height,
            bytes: Bytes::from(bytes),
            mime: "image/webp",
        });
        made.push(resized);
    }
    variants.reverse();

    let smallest = made.last().unwrap_or(&image);
    let placeholder = placeholder(smallest)?;
    Ok(Processed {
        info: decoded.info,
        variants,
        placeholder,
    })
}

/// The widths to make for an original `width` pixels wide: the standard ones below it, or the
/// original width alone for an image narrower than all of them.
pub fn variant_widths(width: u32) -> Vec<u32> {
    let widths: Vec<u32> = VARIANT_WIDTHS.into_iter().filter(|&w| w < width).collect();
    if widths.is_empty() {
        vec![width]
    } else {
        widths
    }
}

fn scaled_height(width: u32, height: u32, new_width: u32) -> u32 {
    let scaled =
        (u64::from(height) * u64::from(new_width) + u64::from(width) / 2) / u64::from(width.max(1));
    u32::try_from(scaled).unwrap_or(u32::MAX).max(1)
}

/// libwebp takes 8-bit RGB or RGBA. An alpha channel that is opaque everywhere (common in
/// screenshots saved as PNG) is dropped: it would only cost bytes.
fn into_rgb_or_rgba(image: DynamicImage) -> DynamicImage {
    if image.color().has_alpha() {
        let rgba = image.into_rgba8();
        if rgba.pixels().all(|pixel| pixel.0[3] == u8::MAX) {
            DynamicImage::ImageRgb8(DynamicImage::ImageRgba8(rgba).into_rgb8())
        } else {
            DynamicImage::ImageRgba8(rgba)
        }
    } else {
        match image {
            DynamicImage::ImageRgb8(_) => image,
            other => DynamicImage::ImageRgb8(other.into_rgb8()),
        }
    }
}

fn encode_webp(image: &DynamicImage, quality: f32) -> Result<Vec<u8>, MediaError> {
    let encoder = match image {
        DynamicImage::ImageRgba8(rgba) => {
            webp::Encoder::from_rgba(rgba.as_raw(), rgba.width(), rgba.height())
        }
        DynamicImage::ImageRgb8(rgb) => {
            webp::Encoder::from_rgb(rgb.as_raw(), rgb.width(), rgb.height())
        }
        other => {
            return Err(MediaError::Processing {
                detail: format!("no WebP encoding for pixel type {:?}", other.color()),
            })
        }
    };
    encoder
        .encode_simple(false, quality)
        .map(|memory| memory.to_vec())
        .map_err(|error| MediaError::Processing {
            detail: format!("WebP encoding failed: {error:?}"),
        })
}

/// Shrunk to fit 16 × 16 and blurred, so that the browser's upscaling shows soft colour fields
/// rather than blocks. WebP like the variants: a browser that shows those shows this.
fn placeholder(image: &DynamicImage) -> Result<String, MediaError> {
    let tiny = image.resize(PLACEHOLDER_SIDE, PLACEHOLDER_SIDE, FilterType::Triangle);
    let blurred = match tiny.blur(0.8) {
        DynamicImage::ImageRgba8(rgba) => DynamicImage::ImageRgba8(rgba),
        other => DynamicImage::ImageRgb8(other.into_rgb8()),
    };
    let webp = encode_webp(&blurred, PLACEHOLDER_QUALITY)?;
    let base64 = base64::engine::general_purpose::STANDARD.encode(webp);
    Ok(format!("data:image/webp;base64,{base64}"))
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use base64::Engine as _;
    use image::{GenericImageView, ImageReader};

    use super::*;
    use crate::test_images::{encode, jpeg, png, transparent, with_exif_orientation};
    use crate::ImageFormat;

    fn decode_webp(bytes: &[u8]) -> DynamicImage {
        assert_eq!(
            image::guess_format(bytes).ok(),
            Some(image::ImageFormat::WebP)
        );
        ImageReader::with_format(Cursor::new(bytes), image::ImageFormat::WebP)
            .decode()
            .expect("a readable WebP")
    }

    #[test]
    fn widths_are_the_standard_ones_below_the_original() {
        assert_eq!(variant_widths(4000), vec![320, 640, 960, 1280, 1920]);
        assert_eq!(variant_widths(1920), vec![320, 640, 960, 1280]);
        assert_eq!(variant_widths(700), vec![320, 640]);
        assert_eq!(variant_widths(321), vec![320]);
        assert_eq!(variant_widths(320), vec![320]);
        assert_eq!(variant_widths(200), vec![200]);
    }

    #[test]
    fn a_jpeg_gives_webp_variants_of_the_right_widths() {
        let processed = process(&jpeg(1000, 600), &Limits::default()).expect("a valid JPEG");
        assert_eq!(processed.info.format, ImageFormat::Jpeg);
        assert_eq!((processed.info.width, processed.info.height), (1000, 600));
        let sizes: Vec<(u32, u32)> = processed
            .variants
            .iter()
            .map(|v| (v.width, v.height))
            .collect();
        assert_eq!(sizes, vec![(320, 192), (640, 384), (960, 576)]);
        for variant in &processed.variants {
            assert_eq!(variant.mime, "image/webp");
            let decoded = decode_webp(&variant.bytes);
            assert_eq!(decoded.dimensions(), (variant.width, variant.height));
        }
    }

    #[test]
    fn a_narrow_image_gets_one_variant_at_its_own_width() {
        let processed = process(&png(200, 100), &Limits::default()).expect("a valid PNG");
        assert_eq!(processed.variants.len(), 1);
        assert_eq!(
            decode_webp(&processed.variants[0].bytes).dimensions(),
            (200, 100)
        );
    }

    #[test]
    fn variants_are_upright() {
        let processed = process(
            &with_exif_orientation(&jpeg(700, 400), 6),
            &Limits::default(),
        )
        .expect("valid");
        assert_eq!((processed.info.width, processed.info.height), (400, 700));
        let sizes: Vec<(u32, u32)> = processed
            .variants
            .iter()
            .map(|v| (v.width, v.height))
            .collect();
        assert_eq!(sizes, vec![(320, 560)]);
    }

    #[test]
    fn transparency_survives_and_opaque_alpha_is_dropped() {
        let see_through = encode(&transparent(400, 100), image::ImageFormat::Png);
        let processed = process(&see_through, &Limits::default()).expect("a valid PNG");
        let variant = decode_webp(&processed.variants[0].bytes);
        assert!(variant.color().has_alpha());
        assert_eq!(variant.get_pixel(300, 50).0[3], 0);

        let opaque = encode(
            &DynamicImage::ImageRgba8(crate::test_images::photo(400, 100).into_rgba8()),
            image::ImageFormat::Png,
        );
        let processed = process(&opaque, &Limits::default()).expect("a valid PNG");
        assert!(!decode_webp(&processed.variants[0].bytes)
            .color()
            .has_alpha());
    }

    #[test]
    fn the_placeholder_is_a_tiny_webp_data_uri() {
        for (width, height) in [(1000, 600), (100, 2000), (30, 10)] {
            let processed =
                process(&jpeg(width, height), &Limits::default()).expect("a valid JPEG");
            let uri = &processed.placeholder;
            assert!(uri.len() < 1024, "{} bytes", uri.len());
            let encoded = uri
                .strip_prefix("data:image/webp;base64,")
                .expect("a WebP data URI");
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .expect("base64");
            let (w, h) = decode_webp(&bytes).dimensions();
            assert!(w <= 16 && h <= 16 && w >= 1 && h >= 1, "{w} × {h}");
        }
    }

    #[test]
    fn a_refused_file_makes_nothing() {
        assert!(matches!(
            process(b"hello", &Limits::default()),
            Err(MediaError::NotAnImage)
        ));
    }
}
