//! The write API as a partner's program calls it: JSON and multipart requests with a bearer
//! key, keys made by `kiosque key create`, and a small image to upload.

use std::io::Cursor;
use std::process::Stdio;

use crate::page::Page;
use crate::server::{Server, Site};

impl Server {
    /// An API request with a JSON body (`method` is `POST`, `PUT`…), with this key (or none).
    pub async fn api_send(
        &self,
        method: reqwest::Method,
        path: &str,
        key: Option<&str>,
        body: &serde_json::Value,
    ) -> Page {
        let mut req = self
            .http
            .request(method.clone(), format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .body(serde_json::to_vec(body).expect("a JSON body"));
        if let Some(k) = key {
            req = req.bearer_auth(k);
        }
        let what = format!("{method} {path} (api)");
        let res = req.send().await.unwrap_or_else(|e| panic!("{what}: {e}"));
        Page::read(res, &what).await
    }

    /// `POST` of a multipart form to the API: one file part and text parts.
    pub async fn api_upload(
        &self,
        path: &str,
        key: Option<&str>,
        file: Option<(&str, Vec<u8>)>,
        texts: &[(&str, &str)],
    ) -> Page {
        let mut form = reqwest::multipart::Form::new();
        for (name, value) in texts {
            form = form.text((*name).to_owned(), (*value).to_owned());
        }
        if let Some((file_name, bytes)) = file {
            form = form.part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned()),
            );
        }
        let mut req = self
            .http
            .post(format!("{}{path}", self.base))
            .multipart(form);
        if let Some(k) = key {
            req = req.bearer_auth(k);
        }
        let res = req
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {path} (api upload): {e}"));
        Page::read(res, path).await
    }
}

/// Runs `kiosque key create` with these arguments: its status, standard output and error.
pub fn key_create(site: &Site, args: &[&str]) -> (bool, String, String) {
    let out = site
        .command()
        .args(["key", "create"])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run kiosque key create");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A small JPEG in two colours, as a partner's photo stands in for one.
pub fn two_tone_jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            image::Rgb([200, 40, 40])
        } else {
            image::Rgb([30, 60, 200])
        }
    });
    let mut bytes = Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, image::ImageFormat::Jpeg)
        .expect("encode a JPEG");
    bytes.into_inner()
}
