//! The page cache: rendered public pages, kept until a change touches what they were built from.
//!
//! A handler names the data its page depends on (`Deps`: `article:42`, `section:3`, `videos`,
//! `nav`, …). Every write in the store appends the keys it touched to the change log; the cache
//! follows that log and drops exactly the pages whose dependencies were touched. It follows the
//! log in two ways: at once, before serving, when this process has committed a write (so a node
//! always reads its own writes), and by polling for writes of other processes (an import run
//! beside the server, other app nodes on the same PostgreSQL).
//!
//! Concurrent requests for the same cold page wait for a single render. Only pages that vary on
//! nothing but their URL are cached; personal parts of a page must come from elsewhere.
//!
//! The files, by concern: `deps.rs` (what handlers attach to a response), `key.rs` (canonical
//! keys: which URLs may make an entry), `entries.rs` (the store bounded in bytes, its reverse
//! index of dependencies and the single-flight renders), `page.rs` (what one entry holds),
//! `encode.rs` (gzip and brotli bodies, `Accept-Encoding`), `pieces.rs` (a member's page as
//! the kept bytes around their fragments, sent without copying the page), `follow.rs` (the
//! change log), `layer.rs` (the middleware), `fragment.rs` and `assemble.rs` (pages made of
//! separately kept pieces: the comment thread under an article) and `respond.rs` (one answer
//! from one entry).

mod assemble;
mod deps;
mod encode;
mod entries;
mod follow;
mod fragment;
mod key;
mod layer;
mod page;
mod pieces;
mod renders;
mod respond;
mod wiring;

pub use deps::{CacheOutcome, Deps, Paginated};
pub use encode::{compress_static, Encoding, Precompressed};
pub use follow::{follow, PageCache};
pub use fragment::{Fragment, FragmentRenderer};
pub use layer::layer;
pub use page::{Slot, SlotFiller};
pub(crate) use respond::etag_matches;
pub use wiring::{CacheLayer, CacheParts};
