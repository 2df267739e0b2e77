//! What a WordPress export holds, as read: strings as WordPress wrote them (HTML bodies, local
//! and GMT dates as text), for the importer to map onto Kiosque's content.

/// The exported site (the channel's own fields).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Site {
    pub title: String,
    pub link: String,
    pub language: String,
    /// `1.0`, `1.1` or `1.2`.
    pub wxr_version: String,
    pub base_site_url: String,
    pub base_blog_url: String,
}

/// An author (`wp:author`): a login, never a password.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Author {
    pub id: Option<i64>,
    pub login: String,
    pub email: String,
    pub display_name: String,
    pub first_name: String,
    pub last_name: String,
}

/// A category (`wp:category`); `parent` is the parent's nicename, empty at the top.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Category {
    pub term_id: Option<i64>,
    pub nicename: String,
    pub parent: String,
    pub name: String,
    pub description: String,
}

/// A tag (`wp:tag`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tag {
    pub term_id: Option<i64>,
    pub slug: String,
    pub name: String,
    pub description: String,
}

/// A term of an item (`<category domain="post_tag" nicename="…">Name</category>`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemTerm {
    /// `category`, `post_tag`, `post_format`, …
    pub domain: String,
    pub nicename: String,
    pub name: String,
}

/// A comment of an item (`wp:comment`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comment {
    pub id: i64,
    pub author: String,
    pub author_email: String,
    pub author_url: String,
    /// `YYYY-MM-DD HH:MM:SS`, in the site's time zone and in UTC.
    pub date: String,
    pub date_gmt: String,
    pub content: String,
    /// `1` approved, `0` pending, `spam`, `trash`.
    pub approved: String,
    /// Empty for a comment; `pingback`, `trackback`, …
    pub kind: String,
    /// The comment it answers; 0 at the top.
    pub parent: i64,
    /// The author's account on the WordPress site; 0 for a guest.
    pub user_id: i64,
}

/// A post, page, attachment or any other post type (`item`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    pub title: String,
    pub link: String,
    /// The author's login (`dc:creator`).
    pub creator: String,
    pub guid: String,
    /// The body: block markup or classic HTML.
    pub content: String,
    pub excerpt: String,
    pub post_id: i64,
    /// `YYYY-MM-DD HH:MM:SS`, in the site's time zone and in UTC (`0000-00-00 00:00:00` for a
    /// draft never dated).
    pub post_date: String,
    pub post_date_gmt: String,
    /// `open` or `closed`.
    pub comment_status: String,
    pub post_name: String,
    /// `publish`, `draft`, `future`, `pending`, `private`, `inherit`, `trash`, …
    pub status: String,
    pub post_parent: i64,
    pub menu_order: i64,
    /// `post`, `page`, `attachment`, `nav_menu_item`, …
    pub post_type: String,
    pub post_password: String,
    pub is_sticky: bool,
    pub attachment_url: String,
    pub terms: Vec<ItemTerm>,
    pub meta: Vec<(String, String)>,
    pub comments: Vec<Comment>,
}

impl Item {
    /// The first value of a meta key (`_thumbnail_id`, `_wp_attachment_image_alt`, …).
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The item's terms of one taxonomy (`category`, `post_tag`).
    pub fn terms_of<'a>(&'a self, domain: &'a str) -> impl Iterator<Item = &'a ItemTerm> + 'a {
        self.terms.iter().filter(move |t| t.domain == domain)
    }
}

/// One entry of the export, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Author(Author),
    Category(Category),
    Tag(Tag),
    Item(Box<Item>),
}
