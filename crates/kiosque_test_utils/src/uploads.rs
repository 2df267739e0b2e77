//! Uploading to the media library as the article editor's picker does: a small photograph-like
//! JPEG, and the multipart form (the CSRF token first) sent with `fetch`'s JSON `Accept`.

use std::io::Cursor;

use crate::browser::Browser;
use crate::page::Page;

/// A `width` × `height` JPEG with soft bands of colour: decodes as a real photograph would.
pub fn small_jpeg(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        let band = ((x / 8 + y / 6) % 5) as u8;
        image::Rgb([40 + band * 30, 90 + (y % 64) as u8, 200 - band * 20])
    });
    let mut out = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .expect("encode a JPEG");
    out.into_inner()
}

/// What the picker sends: a file with its name and type, and the image's texts.
pub struct PickerUpload<'a> {
    pub csrf: &'a str,
    pub file_name: &'a str,
    pub mime: &'a str,
    pub bytes: Vec<u8>,
    pub alt: &'a str,
    pub caption: &'a str,
    pub credit: &'a str,
}

/// POSTs the upload to `/admin/medias` asking for JSON, as the editor's picker does.
pub async fn upload_from_editor(b: &Browser, u: PickerUpload<'_>) -> Page {
    let file = reqwest::multipart::Part::bytes(u.bytes)
        .file_name(u.file_name.to_owned())
        .mime_str(u.mime)
        .expect("a mime type");
    let form = reqwest::multipart::Form::new()
        .text("csrf", u.csrf.to_owned())
        .part("file", file)
        .text("alt", u.alt.to_owned())
        .text("caption", u.caption.to_owned())
        .text("credit", u.credit.to_owned());
    let req = b
        .http()
        .post(b.url("/admin/medias"))
        .header("accept", "application/json")
        .multipart(form);
    let res = b.send(req, "upload from the editor").await;
    Page::read(res, "upload from the editor").await
}
