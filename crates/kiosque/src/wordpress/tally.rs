//! What an import did, counted by kind, and the lines that tell it.

/// What the import did, counted by kind, printed at the end.
#[derive(Default, Debug)]
pub struct Tally {
    pub posts_created: usize,
    pub posts_updated: usize,
    pub posts_unchanged: usize,
    pub posts_refused: usize,
    pub posts_trashed: usize,
    pub pages_created: usize,
    pub pages_updated: usize,
    pub pages_kept: usize,
    pub pages_left: usize,
    pub media_imported: usize,
    pub media_existing: usize,
    pub media_external: usize,
    pub comments_created: usize,
    pub comments_existing: usize,
    pub comments_left: usize,
    pub comments_on_pages: usize,
    pub sections_created: usize,
    pub staff_created: usize,
    pub other_types: std::collections::BTreeMap<String, usize>,
    pub failed: usize,
}

impl Tally {
    /// Prints the counts on standard error.
    pub fn print(&self) {
        let t = self;
        eprintln!(
            "posts: {} created, {} updated, {} unchanged, {} refused (edited in the newsroom since), \
             {} in the trash left out",
            t.posts_created, t.posts_updated, t.posts_unchanged, t.posts_refused, t.posts_trashed
        );
        eprintln!(
            "pages: {} created, {} updated, {} kept, {} not published left out",
            t.pages_created, t.pages_updated, t.pages_kept, t.pages_left
        );
        eprintln!(
            "media: {} imported, {} imported before, {} kept as external references",
            t.media_imported, t.media_existing, t.media_external
        );
        eprintln!(
            "comments: {} created, {} imported before, {} spam or trash left out, {} on pages left \
             out",
            t.comments_created, t.comments_existing, t.comments_left, t.comments_on_pages
        );
        eprintln!(
            "sections created: {}; staff accounts created: {} (without a password: each sets one \
             with \"forgotten password\")",
            t.sections_created, t.staff_created
        );
        if !t.other_types.is_empty() {
            let others: Vec<String> = t
                .other_types
                .iter()
                .map(|(kind, n)| format!("{n} {kind}"))
                .collect();
            eprintln!(
                "left out, types Kiosque does not import: {}",
                others.join(", ")
            );
        }
        if t.failed > 0 {
            eprintln!("{} items not imported (see the errors above)", t.failed);
        }
    }
}
