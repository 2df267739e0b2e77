//! Typed ids: an article's id cannot be passed where a comment's is expected. Each is the
//! database's `bigint` key, shown and parsed as the plain number it is in URLs and the log.

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize,
            serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }

        // Lets `#[sqlx(try_from = "i64")]` decode a row's key straight into the id (sqlx asks
        // for `TryFrom`, which `From` provides).
        impl From<i64> for $name {
            fn from(id: i64) -> Self {
                $name(id)
            }
        }
    };
}

id!(
    /// An article (live blogs included).
    ArticleId
);
id!(
    /// A reader's comment.
    CommentId
);
id!(
    /// An account: a reader or a member of staff.
    UserId
);
id!(
    /// A section of the site (Monde, Monde › Europe…).
    SectionId
);
id!(
    /// A tag.
    TagId
);
id!(
    /// An author (a byline).
    AuthorId
);
id!(
    /// A video entry.
    VideoId
);
id!(
    /// An image of the media library.
    MediaId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_show_and_parse_as_plain_numbers() {
        assert_eq!(ArticleId(42).to_string(), "42");
        assert_eq!("42".parse::<CommentId>(), Ok(CommentId(42)));
        assert!("x".parse::<UserId>().is_err());
        assert_eq!(i64::from(MediaId(7)), 7);
        assert_eq!(SectionId::from(7), SectionId(7));
    }
}
