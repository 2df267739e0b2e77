//! Sends webhook deliveries: claims the due ones from the store's outbox, POSTs them signed,
//! and records every attempt. Delivery is at least once: a node that dies mid-send leaves the
//! claim to expire and another send follows, so receivers dedupe on `Kiosque-Delivery`.

use std::time::{Duration, Instant};

use kiosque_store::{Attempt, DueDelivery, Store};

use crate::follow::Pace;

/// How long a claim holds a delivery: longer than one attempt can take.
const CLAIM_MS: i64 = 60_000;
const BATCH: i64 = 16;
const TIMEOUT: Duration = Duration::from_secs(10);
/// Error texts are kept short in the log.
const MAX_ERROR_CHARS: usize = 300;

/// Starts the sender; it runs until the store is closed. `None` when no HTTP client can be
/// built (the error is logged: webhooks are then off).
pub fn spawn_sender(
    store: Store,
    public_url: String,
    retry_base_ms: i64,
) -> Option<tokio::task::JoinHandle<()>> {
    let client = match reqwest::Client::builder()
        .timeout(TIMEOUT)
        .connect_timeout(Duration::from_secs(5))
        // A receiver that moved must be updated in the back office; following redirects would
        // send signed events wherever a third party points.
        .redirect(reqwest::redirect::Policy::none())
        // Every name is resolved by a resolver that drops internal addresses, at each
        // connection (DNS rebinding included); a proxy would resolve in our place.
        .dns_resolver(std::sync::Arc::new(crate::webhook_targets::PublicOnly))
        .no_proxy()
        .user_agent(concat!("Kiosque-Webhooks/", env!("CARGO_PKG_VERSION")))
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "cannot build the webhook client: webhooks are off");
            return None;
        }
    };
    let s = store.clone();
    let client = std::sync::Arc::new(client);
    let public_url = std::sync::Arc::new(public_url);
    Some(tokio::spawn(crate::follow::every(
        store,
        // Local publishing wakes the sender at once; retries and other nodes' events are
        // found by polling.
        Duration::from_millis(500),
        true,
        move || {
            let (store, client, public_url) = (s.clone(), client.clone(), public_url.clone());
            async move {
                let due = match store.claim_due_deliveries(CLAIM_MS, BATCH).await {
                    Ok(d) => d,
                    Err(e) => {
                        tracing::warn!(error = %e, "webhooks: cannot read the outbox");
                        return Pace::Wait;
                    }
                };
                let full = due.len() as i64 == BATCH;
                let sends = due
                    .into_iter()
                    .map(|d| deliver(&client, &store, &public_url, retry_base_ms, d));
                futures_util::future::join_all(sends).await;
                if full {
                    Pace::Again
                } else {
                    Pace::Wait
                }
            }
        },
    )))
}

/// The body a receiver gets: the stored event with absolute URLs added. The same on every
/// retry.
pub fn body(payload: &str, public_url: &str, delivery_id: i64) -> String {
    let Ok(mut v) = serde_json::from_str::<serde_json::Value>(payload) else {
        return payload.to_owned();
    };
    let base = public_url.trim_end_matches('/');
    v["delivery_id"] = delivery_id.into();
    if let Some(article) = v.get_mut("article").and_then(|a| a.as_object_mut()) {
        for (from, to) in [("path", "url"), ("api", "api_url")] {
            if let Some(p) = article.get(from).and_then(|p| p.as_str()) {
                let abs = format!("{base}{p}");
                article.insert(to.to_owned(), abs.into());
            }
        }
    }
    v.to_string()
}

async fn deliver(
    client: &reqwest::Client,
    store: &Store,
    public_url: &str,
    retry_base_ms: i64,
    d: DueDelivery,
) {
    let body = body(&d.payload, public_url, d.id);
    let now = chrono::Utc::now().timestamp();
    let signature = kiosque_domain::webhook::signature(&d.secret, now, body.as_bytes());
    // The Standard Webhooks headers too, so that receivers can verify with its libraries.
    // The id is the delivery's, the same on every try (the receiver's deduplication key).
    let message_id = format!("msg_{}", d.id);
    let standard =
        kiosque_domain::webhook::standard_signature(&d.secret, &message_id, now, body.as_bytes());
    let started = Instant::now();
    // An address literal never reaches the resolver: it is checked here.
    if crate::webhook_targets::literal_refused(&d.url) {
        let attempt = Attempt {
            status_code: None,
            error: Some("refused: internal address".into()),
            duration_ms: 0,
        };
        tracing::warn!(
            delivery = d.id,
            webhook = d.webhook_id,
            "webhook to an internal address refused"
        );
        if let Err(e) = store.record_attempt(d.id, &attempt, retry_base_ms).await {
            tracing::warn!(error = %e, delivery = d.id, "webhooks: cannot record an attempt");
        }
        return;
    }
    let result = client
        .post(&d.url)
        .header("content-type", "application/json")
        .header("kiosque-event", &d.event)
        .header("kiosque-delivery", d.id.to_string())
        .header("kiosque-signature", signature)
        .header("webhook-id", &message_id)
        .header("webhook-timestamp", now.to_string())
        .header("webhook-signature", standard)
        .body(body)
        .send()
        .await;
    let duration_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    let attempt = match result {
        Ok(res) => {
            let code = i64::from(res.status().as_u16());
            Attempt {
                status_code: Some(code),
                error: (!res.status().is_success()).then(|| format!("HTTP {code}")),
                duration_ms,
            }
        }
        Err(e) => Attempt {
            status_code: None,
            error: Some(short_error(&e)),
            duration_ms,
        },
    };
    tracing::info!(
        delivery = d.id,
        webhook = d.webhook_id,
        event = %d.event,
        attempt = d.attempts + 1,
        ok = attempt.succeeded(),
        status = ?attempt.status_code,
        "webhook delivery"
    );
    if let Err(e) = store.record_attempt(d.id, &attempt, retry_base_ms).await {
        tracing::warn!(error = %e, delivery = d.id, "webhooks: cannot record an attempt");
    }
}

fn short_error(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timeout"
    } else if e.is_connect() {
        "connection failed"
    } else {
        "request failed"
    };
    // The source chain says why (refused, DNS, TLS) without the URL, which the log shows.
    let mut text = kind.to_owned();
    let mut source = std::error::Error::source(e);
    if let Some(s) = source.take() {
        text.push_str(": ");
        text.push_str(&s.to_string());
    }
    text.chars().take(MAX_ERROR_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_gains_absolute_urls_and_the_delivery_id() {
        let payload = r#"{"event":"article.published","article":{"id":3,"path":"/monde/x_3.html","api":"/api/v1/articles/3"}}"#;
        let v: serde_json::Value =
            serde_json::from_str(&body(payload, "https://site.example/", 9)).expect("json");
        assert_eq!(v["delivery_id"], 9);
        assert_eq!(v["article"]["url"], "https://site.example/monde/x_3.html");
        assert_eq!(
            v["article"]["api_url"],
            "https://site.example/api/v1/articles/3"
        );
        assert_eq!(v["event"], "article.published");
    }
}
