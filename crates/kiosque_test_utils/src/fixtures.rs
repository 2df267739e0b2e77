//! What every test account and import test share.

use std::path::{Path, PathBuf};

/// A strong password accepted by the site, used for every test account.
pub const PASSWORD: &str = "Mésange bleue sur le balcon 42";

/// The archive page the demo imports (and the import tests read).
pub fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../kiosque_import/tests/fixtures/000_0cb8e20bd6220873.txt")
}
