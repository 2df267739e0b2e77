//! The back office's navigation, and `/admin` which sends staff to the first page they may use.

use axum::response::Response;
use kiosque_domain::newsroom::Actor;

use crate::auth::Member;
use crate::extract::RequireMember;
use crate::respond::see_other;
use crate::AppError;

/// The links of the back office a person may use.
pub struct AdminNav {
    pub current: &'static str,
    pub articles: bool,
    pub media: bool,
    pub moderation: bool,
    pub admin: bool,
}

impl AdminNav {
    pub fn of(m: &Member, current: &'static str) -> Self {
        let actor = Actor::of_roles(m.user.id, m.user.roles.clone());
        AdminNav {
            current,
            articles: actor.in_newsroom(),
            media: actor.can_use_media(),
            moderation: m.user.roles.can_moderate(),
            admin: m.user.roles.is_admin(),
        }
    }
}

/// `/admin`: the first page a staff member may use.
pub async fn home(RequireMember(m, jar): RequireMember) -> Result<Response, AppError> {
    let nav = AdminNav::of(&m, "");
    let to = if nav.articles {
        "/admin/articles"
    } else if nav.moderation {
        "/admin/moderation"
    } else if nav.admin {
        "/admin/api"
    } else {
        return Err(AppError::Forbidden);
    };
    Ok(see_other(jar, to))
}
