//! The write API as a partner's program calls it: JSON and multipart requests with a bearer
//! key, keys made by `kiosque key create`, and a small image to upload.

use std::io::Cursor;
use std::process::Stdio;

use crate::browser::Member;
use crate::page::Page;
use crate::server::{Article, Server, Site};

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
        let res = req.send().await.unwrap_or_else(|e| panic!("{what}: {e:?}"));
        Page::read(res, &what).await
    }

    /// `POST` of a JSON body to the API with a key.
    pub async fn api_post(&self, path: &str, key: &str, body: serde_json::Value) -> Page {
        self.api_send(reqwest::Method::POST, path, Some(key), &body)
            .await
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

/// A comment sent from the article page that the site holds for moderation (a
/// pre-moderated section); its id, read from the store's moderation queue.
pub async fn held_comment(site: &Site, member: &Member, article: &Article, body: &str) -> i64 {
    let page = member.browser.get(&article.path).await;
    let csrf = page.csrf().expect("the article page has a form token");
    let id = article.id.to_string();
    let form = [("csrf", csrf.as_str()), ("article_id", &id), ("body", body)];
    let sent = member.browser.post("/commentaires", &form).await;
    assert_eq!(sent.status, 303, "comment refused: {}", sent.main_text());
    let store = kiosque_store::Store::open(&site.store_url())
        .await
        .expect("store");
    let queue = store.moderation_queue(100).await.expect("queue");
    store.close().await;
    queue
        .iter()
        .find(|i| i.comment.body == body)
        .map(|i| i.comment.id.get())
        .unwrap_or_else(|| panic!("{body:?} is not held for moderation"))
}

/// The code and the field of an API error (the JSON error shape).
pub fn api_error(page: &Page) -> (String, Option<String>) {
    let json = page.json();
    let error = &json["error"];
    let code = error["code"]
        .as_str()
        .unwrap_or_else(|| panic!("a JSON error with a code: {}", page.body))
        .to_owned();
    (code, error["field"].as_str().map(str::to_owned))
}

/// Every revision of an article, newest first, as (kind, author id).
pub async fn article_revisions(
    site: &Site,
    id: i64,
) -> Vec<(String, Option<kiosque_domain::UserId>)> {
    let store = kiosque_store::Store::open(&site.store_url())
        .await
        .expect("store");
    let revisions = store
        .revisions(kiosque_domain::ArticleId(id))
        .await
        .expect("revisions")
        .into_iter()
        .map(|r| (r.kind, r.author_id))
        .collect();
    store.close().await;
    revisions
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

/// A write operation (or one that needs a write scope), at a concrete path, refuses no key (401) and a read-only key
/// (403 `insufficient_scope`), and with its scope answers a GET or refuses an empty body with
/// a JSON error naming the field at fault, each as documented.
pub async fn assert_write_operation(
    server: &Server,
    read_only: &str,
    writer: &str,
    path: &str,
    method: &str,
    op: &serde_json::Value,
) {
    let concrete = path.to_owned();
    let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).expect("a method");
    let empty = serde_json::json!({});
    let send = |key: Option<&str>| {
        let method = method.clone();
        let concrete = concrete.clone();
        let empty = empty.clone();
        let key = key.map(str::to_owned);
        async move {
            server
                .api_send(method, &concrete, key.as_deref(), &empty)
                .await
        }
    };
    let none = send(None).await;
    assert_eq!(none.status, 401, "{method} {concrete} needs a key");
    let refused = send(Some(read_only)).await;
    assert_eq!(refused.status, 403, "{method} {concrete}: {}", refused.body);
    assert_eq!(
        refused.json()["error"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        "insufficient_scope"
    );
    for status in ["401", "403"] {
        assert!(
            op["responses"][status].is_object(),
            "{path} documents its {status}"
        );
    }
    let answer = send(Some(writer)).await;
    if method == reqwest::Method::GET {
        assert_eq!(answer.status, 200, "{concrete}: {}", answer.body);
    } else {
        assert_eq!(answer.status, 400, "{method} {concrete}: {}", answer.body);
        assert!(
            op["responses"]["400"].is_object(),
            "{path} documents its 400"
        );
        let code = answer.json()["error"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let field = answer.json()["error"]["field"].as_str().map(str::to_owned);
        // A multipart route reads no JSON; the others name the first field they miss.
        assert!(
            field.is_some() || code == "invalid_multipart",
            "{method} {concrete}: {}",
            answer.body
        );
    }
}
