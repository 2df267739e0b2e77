//! Limits shared by the nodes of a site, behind trusted reverse proxies (issue 14, items 2
//! and 3, and security finding 3), on both backends. On PostgreSQL two nodes count the same
//! tries: a log-in limit or an API key's quota reached across both answers 429 on either (a
//! SQLite site is one node: both "nodes" below are then the same one). Behind a proxy named by
//! `--trusted-proxy`, the client is the first untrusted address of `X-Forwarded-For` from the
//! right, an IPv6 client counts by its /64; without it a forged header changes nothing. Wrong
//! passwords from an attacker's address never make the owner's right password answer 429.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::nodes::{account, log_in_via};
use kiosque_test_utils::server::{Server, Site, PASSWORD};
use kiosque_test_utils::write_api::key_create;

const OWNER: &str = "redaction@exemple.fr";

/// Two nodes on the site's database (PostgreSQL), or one node twice (SQLite).
fn two_nodes(site: &Site, args: &[&str]) -> (Server, Option<Server>) {
    let a = site.start_with(args);
    let b = site.database_url.is_some().then(|| site.start_with(args));
    (a, b)
}

async fn a_log_in_limit_reached_across_both_nodes_answers_429_on_either(site: Site) {
    account(&site, OWNER, PASSWORD);
    let (a, b) = two_nodes(&site, &[]);
    let b = b.as_ref().unwrap_or(&a);
    // Five tries a minute per account and address: three on one node, two on the other…
    for (i, node) in [&a, &a, &a, b, b].into_iter().enumerate() {
        assert_eq!(
            log_in_via(node, None, OWNER, "pas le bon").await,
            400,
            "try {i}"
        );
    }
    // …and the sixth is refused on both.
    assert_eq!(log_in_via(&a, None, OWNER, PASSWORD).await, 429);
    assert_eq!(log_in_via(b, None, OWNER, PASSWORD).await, 429);
}

async fn an_api_key_quota_is_shared_by_both_nodes(site: Site) {
    let editor = site.create_user(&["--email", OWNER, "--role", "editor"], PASSWORD);
    assert!(editor.status.success());
    let (ok, key, err) = key_create(
        &site,
        &[
            "--owner",
            OWNER,
            "--scope",
            "content:read",
            "--name",
            "Appli",
        ],
    );
    assert!(ok, "{err}");
    let key = key.trim().to_owned();
    let (a, b) = two_nodes(&site, &["--api-rate-limit", "4"]);
    let b = b.as_ref().unwrap_or(&a);
    for node in [&a, b, &a, b] {
        assert_eq!(node.api("/api/v1/sections", Some(&key)).await.status, 200);
    }
    for node in [&a, b] {
        let refused = node.api("/api/v1/sections", Some(&key)).await;
        assert_eq!(refused.status, 429);
        assert!(refused.header("retry-after").is_some());
    }
}

async fn wrong_passwords_from_an_attacker_do_not_lock_the_owner_out(site: Site) {
    account(&site, OWNER, PASSWORD);
    let (a, b) = two_nodes(&site, &["--trusted-proxy", "127.0.0.1/32"]);
    let b = b.as_ref().unwrap_or(&a);
    // The attacker forges the left part of the header; the proxy appends the real address.
    for i in 0..5 {
        let forwarded = format!("10.9.9.{i}, 203.0.113.66");
        assert_eq!(log_in_via(&a, Some(&forwarded), OWNER, "devine").await, 400);
    }
    assert_eq!(
        log_in_via(b, Some("10.9.9.99, 203.0.113.66"), OWNER, "devine").await,
        429,
        "the attacker's address is slowed down"
    );
    // The owner, from their own address, on either node.
    assert_eq!(
        log_in_via(&a, Some("198.51.100.7"), OWNER, PASSWORD).await,
        303
    );
    assert_eq!(
        log_in_via(b, Some("198.51.100.7"), OWNER, PASSWORD).await,
        303
    );
}

async fn an_ipv6_client_is_counted_by_its_slash_64(site: Site) {
    account(&site, OWNER, PASSWORD);
    let server = site.start_with(&["--trusted-proxy", "127.0.0.1"]);
    for i in 1..=5 {
        let forwarded = format!("2001:db8:77:1:{i:x}::{i:x}");
        assert_eq!(
            log_in_via(&server, Some(&forwarded), OWNER, "faux").await,
            400
        );
    }
    assert_eq!(
        log_in_via(&server, Some("2001:db8:77:1:ffff::9"), OWNER, "faux").await,
        429,
        "another address of the same /64"
    );
    assert_eq!(
        log_in_via(&server, Some("2001:db8:77:2::1"), OWNER, PASSWORD).await,
        303,
        "the next /64 is another client"
    );
}

async fn without_trusted_proxies_a_forged_header_changes_nothing(site: Site) {
    account(&site, OWNER, PASSWORD);
    let server = site.start();
    for i in 0..5 {
        let forged = format!("198.51.100.{i}");
        assert_eq!(log_in_via(&server, Some(&forged), OWNER, "faux").await, 400);
    }
    // A new forged address every time, yet the connection's address is the one counted.
    assert_eq!(
        log_in_via(&server, Some("192.0.2.200"), OWNER, PASSWORD).await,
        429
    );
}

async fn a_bad_trusted_proxy_is_refused_at_start(site: Site) {
    let out = site
        .command()
        .args(["serve", "--no-demo", "--listen", "127.0.0.1:0"])
        .args(["--trusted-proxy", "10.0.0.0/40"])
        .output()
        .expect("run kiosque serve");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--trusted-proxy") && err.contains("10.0.0.0/40"),
        "{err}"
    );
    // The environment variable takes several, comma-separated.
    let mut cmd = site.command();
    cmd.env("KIOSQUE_TRUSTED_PROXIES", "10.0.0.0/8, nope")
        .args(["serve", "--no-demo", "--listen", "127.0.0.1:0"]);
    let out = cmd.output().expect("run kiosque serve");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope"));
}

both_backends!(
    a_log_in_limit_reached_across_both_nodes_answers_429_on_either,
    an_api_key_quota_is_shared_by_both_nodes,
    wrong_passwords_from_an_attacker_do_not_lock_the_owner_out,
    an_ipv6_client_is_counted_by_its_slash_64,
    without_trusted_proxies_a_forged_header_changes_nothing,
    a_bad_trusted_proxy_is_refused_at_start,
);
