//! Webhooks in the common format (issue 14, item 8): besides `Kiosque-Signature`, every
//! delivery carries the Standard Webhooks headers, and a receiver verifies it with the
//! maintained library (`standardwebhooks` from crates.io), the webhook's secret used as shown
//! once in the back office.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server::{fixture_article, Site};
use kiosque_test_utils::webhook_events::article_command;
use kiosque_test_utils::webhook_receiver::{receiver, register};

async fn a_delivery_verifies_with_the_standard_webhooks_library(site: Site) {
    let server = site.start_with(&["--rate-limit-factor", "1000", "--webhooks-allow-private"]);
    let admin = server
        .staff(&site, "Admin", "admin@kiosque.test", &["--admin"])
        .await;
    let (url, received) = receiver(0).await;
    let (_, secret) = register(&admin, &url, &["article.unpublished"]).await;
    let fixture = fixture_article(&server).await;
    article_command(&site, "unpublish", fixture.id);
    let calls = received.wait_for(1).await;
    let (headers, body) = calls.first().expect("a delivery");

    let hook = standardwebhooks::Webhook::new(&secret).expect("a Standard Webhooks secret");
    hook.verify(body.as_bytes(), headers)
        .expect("the delivery verifies with the Standard Webhooks library");
    // The message id is the delivery's, the receivers' deduplication key.
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(
        header("webhook-id"),
        format!("msg_{}", header("kiosque-delivery"))
    );
    // Its time is the one Kiosque-Signature carries.
    assert!(
        header("kiosque-signature").starts_with(&format!("t={},", header("webhook-timestamp"))),
        "{headers:?}"
    );
    // A changed body, or another secret, does not verify.
    let forged = body.replace("article.unpublished", "article.published");
    assert!(hook.verify(forged.as_bytes(), headers).is_err());
    let other =
        standardwebhooks::Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").expect("a secret");
    assert!(other.verify(body.as_bytes(), headers).is_err());

    // The README's example accepts the delivery, and refuses it replayed ten minutes later
    // (the same body signed with a time ten minutes old).
    let signed = header("kiosque-signature");
    assert!(
        readme_verify(&secret, &signed, body),
        "the README's example refuses {signed}"
    );
    let old = chrono::Utc::now().timestamp() - 600;
    let replayed = kiosque_domain::webhook::signature(&secret, old, body.as_bytes());
    assert!(
        !readme_verify(&secret, &replayed, body),
        "the README's example accepts a replay"
    );
    let forged = signed.replace("v1=", "v1=0");
    assert!(!readme_verify(&secret, &forged, body));
}

/// Runs the README's Python verification example (its first `python` block) on a delivery.
fn readme_verify(secret: &str, header: &str, body: &str) -> bool {
    let readme = include_str!("../../../README.md");
    let example = readme
        .split("```python\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README has a Python verification example");
    let program = format!(
        "{example}\nimport os, sys\n\
         ok = verify(os.environ['SECRET'], os.environ['HEADER'], sys.stdin.buffer.read())\n\
         print('yes' if ok else 'no')\n"
    );
    let mut child = std::process::Command::new("python3")
        .args(["-c", &program])
        .env("SECRET", secret)
        .env("HEADER", header)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs the README's example");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(body.as_bytes()).expect("write the body");
    }
    let out = child.wait_with_output().expect("python3 ends");
    assert!(out.status.success(), "the README's example failed to run");
    String::from_utf8_lossy(&out.stdout).trim() == "yes"
}

both_backends!(a_delivery_verifies_with_the_standard_webhooks_library);
