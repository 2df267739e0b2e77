//! Times `process` on one image and prints what it makes, with the size lossless WebP would
//! have taken for comparison.
//!
//!     cargo run --release -p kiosque_media --example process -- photo.jpg
//!
//! Without a file, a 4000 × 3000 JPEG is made up (noise compresses worse than a photo, so its
//! sizes are pessimistic; its time is realistic).

use std::error::Error;
use std::io::Cursor;
use std::time::Instant;

use image::{DynamicImage, ImageBuffer, Rgb};
use kiosque_media::{process, Limits};

fn main() -> Result<(), Box<dyn Error>> {
    let bytes = match std::env::args().nth(1) {
        Some(path) => std::fs::read(path)?,
        None => made_up_photo(4000, 3000)?,
    };

    let started = Instant::now();
    kiosque_media::validate_image(&bytes, &Limits::default())?;
    let validated = started.elapsed();

    let started = Instant::now();
    let processed = process(&bytes, &Limits::default())?;
    let elapsed = started.elapsed();

    let info = processed.info;
    println!(
        "{} {} × {}, {} KiB: validated (decoded) in {:.2?}, processed in {:.2?}",
        info.format.name(),
        info.width,
        info.height,
        bytes.len() / 1024,
        validated,
        elapsed
    );
    for variant in &processed.variants {
        println!(
            "  {:>4} × {:<4} {:>6} KiB",
            variant.width,
            variant.height,
            variant.bytes.len() / 1024
        );
    }
    println!("  placeholder: {} bytes", processed.placeholder.len());

    if let Some(widest) = processed.variants.last() {
        let decoded = image::load_from_memory(&widest.bytes)?;
        let mut lossless = Cursor::new(Vec::new());
        decoded.write_to(&mut lossless, image::ImageFormat::WebP)?;
        println!(
            "  the {}w variant as lossless WebP: {} KiB",
            widest.width,
            lossless.into_inner().len() / 1024
        );
    }
    Ok(())
}

fn made_up_photo(width: u32, height: u32) -> Result<Vec<u8>, Box<dyn Error>> {
    let mut rng = fastrand::Rng::with_seed(7);
    let image = ImageBuffer::from_fn(width, height, |x, y| {
        let noise = rng.u8(..24);
        Rgb([
            (x * 200 / width) as u8 + noise,
            (y * 200 / height) as u8 + noise,
            ((x + y) * 100 / (width + height)) as u8 + noise,
        ])
    });
    let mut bytes = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(image).write_to(&mut bytes, image::ImageFormat::Jpeg)?;
    Ok(bytes.into_inner())
}
