//! Issue 13, item 6 (images), on both backends: a 116 KB PNG of 6,300 × 6,300 pixels, which
//! took 2.4 s and hundreds of megabytes to decode, is refused before decoding with a message a
//! journalist understands, even four at once; a photograph is still accepted; the pixel bound
//! is the operator's to set (`--max-image-megapixels`).

use std::io::Cursor;
use std::time::{Duration, Instant};

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server::{Member, Page, Site};
use kiosque_test_utils::uploads::{small_jpeg, upload_from_editor, PickerUpload};

/// A plain grey PNG of `side` × `side` pixels: tiny on the wire, huge once decoded.
fn flat_png(side: u32) -> Vec<u8> {
    let image = image::GrayImage::from_pixel(side, side, image::Luma([200]));
    let mut out = Cursor::new(Vec::new());
    image
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("encode a PNG");
    out.into_inner()
}

fn picture<'a>(csrf: &'a str, name: &'a str, mime: &'a str, bytes: Vec<u8>) -> PickerUpload<'a> {
    PickerUpload {
        csrf,
        file_name: name,
        mime,
        bytes,
        alt: "Une place sous la pluie",
        caption: "",
        credit: "Kiosque",
    }
}

async fn journalist(server: &kiosque_test_utils::server::Server, site: &Site) -> (Member, String) {
    let j = server
        .staff(
            site,
            "Jeanne Plume",
            "jeanne@kiosque.test",
            &["--role", "journalist"],
        )
        .await;
    let csrf = j.browser.csrf("/admin/medias").await;
    (j, csrf)
}

fn message(page: &Page) -> String {
    page.json()["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn a_huge_png_is_refused_with_a_clear_message(site: Site) {
    let server = site.start_relaxed();
    let (j, csrf) = journalist(&server, &site).await;
    let png = flat_png(6_300);
    assert!(png.len() < 300_000, "{} bytes", png.len());

    // Four at once, as in the finding: each refused, quickly.
    let start = Instant::now();
    let send = || {
        upload_from_editor(
            &j.browser,
            picture(&csrf, "immense.png", "image/png", png.clone()),
        )
    };
    let (a, b, c, d) = tokio::join!(send(), send(), send(), send());
    for page in [a, b, c, d] {
        assert_eq!(page.status, 400, "{}", page.body);
        let text = message(&page);
        assert!(
            text.contains("6300 × 6300") && text.contains("35 mégapixels"),
            "{text}"
        );
    }
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "refused before decoding: {:?}",
        start.elapsed()
    );

    // A photograph goes through.
    let photo = upload_from_editor(
        &j.browser,
        picture(&csrf, "place.jpg", "image/jpeg", small_jpeg(1600, 1067)),
    )
    .await;
    assert_eq!(photo.status, 200, "{}", photo.body);
}

async fn the_pixel_bound_is_the_operators(site: Site) {
    let server = site.start_with(&["--rate-limit-factor", "1000", "--max-image-megapixels", "1"]);
    let (j, csrf) = journalist(&server, &site).await;
    let refused = upload_from_editor(
        &j.browser,
        picture(&csrf, "grande.jpg", "image/jpeg", small_jpeg(1600, 1067)),
    )
    .await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert!(
        message(&refused).contains("1 mégapixels"),
        "{}",
        message(&refused)
    );
    let small = upload_from_editor(
        &j.browser,
        picture(&csrf, "petite.jpg", "image/jpeg", small_jpeg(800, 600)),
    )
    .await;
    assert_eq!(small.status, 200, "{}", small.body);
}

both_backends!(
    a_huge_png_is_refused_with_a_clear_message,
    the_pixel_bound_is_the_operators,
);
