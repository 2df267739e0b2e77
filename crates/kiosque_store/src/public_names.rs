//! Tags and bylines as the public sees them: a name exists for readers only once a published
//! article carries it. A draft's new tag or byline can name an embargoed story, so neither
//! its page, its feeds nor the API's lists may show it before the article is out.

use crate::views::TagRef;
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// The SQL condition "tag `t` is on a published article".
pub(crate) const TAG_IS_PUBLIC: &str = "exists (select 1 from article_tags at2 \
     join articles a2 on a2.id = at2.article_id \
     where at2.tag_id = t.id and a2.status = 'published')";

/// The SQL condition "author `au` signs a published article".
pub(crate) const AUTHOR_IS_PUBLIC: &str = "exists (select 1 from article_authors aa2 \
     join articles a2 on a2.id = aa2.article_id \
     where aa2.author_id = au.id and a2.status = 'published')";

impl Store {
    /// A tag by slug, if a published article carries it.
    pub async fn public_tag_by_slug(&self, slug: &str) -> Result<Option<TagRef>> {
        let sql = format!(
            "select t.id, t.slug, t.name from tags t where t.slug = $1 and {TAG_IS_PUBLIC}"
        );
        Ok(sqlx::query_as::<_, TagRef>(&sql)
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// Whether this author signs a published article.
    pub async fn author_is_public(&self, author_id: i64) -> Result<bool> {
        let sql = format!("select au.id from authors au where au.id = $1 and {AUTHOR_IS_PUBLIC}");
        Ok(sqlx::query(&sql)
            .bind(author_id)
            .fetch_optional(&self.pool)
            .await?
            .is_some())
    }
}
