//! Article events for webhook tests, made the way an operator would: `kiosque article
//! unpublish|publish N` on the site's data, beside its running server.

use crate::server::Site;

/// Runs `kiosque article <verb> <id>` (`unpublish`, `publish`) and asserts it succeeded.
pub fn article_command(site: &Site, verb: &str, id: i64) {
    let out = site
        .command()
        .args(["article", verb, &id.to_string()])
        .output()
        .expect("run kiosque article");
    assert!(
        out.status.success(),
        "kiosque article {verb} {id}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
