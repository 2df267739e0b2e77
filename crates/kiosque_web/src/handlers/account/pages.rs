//! The account area's page structs.

use askama::Template;

use crate::pages::Layout;

pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    /// `text`, `email`, `password`, `textarea`…
    pub kind: &'static str,
    pub value: String,
    pub autocomplete: Option<&'static str>,
    pub required: bool,
    pub hint: Option<&'static str>,
}

impl Field {
    pub fn new(name: &'static str, label: &'static str, kind: &'static str) -> Self {
        Field {
            name,
            label,
            kind,
            value: String::new(),
            autocomplete: None,
            required: true,
            hint: None,
        }
    }

    pub fn value(mut self, v: &str) -> Self {
        self.value = v.to_owned();
        self
    }

    pub fn autocomplete(mut self, a: &'static str) -> Self {
        self.autocomplete = Some(a);
        self
    }

    pub fn hint(mut self, h: &'static str) -> Self {
        self.hint = Some(h);
        self
    }
}

/// One form: sign-up, log-in, reset, profile changes, deletion.
#[derive(Template)]
#[template(path = "account/form.html")]
pub struct FormPage {
    pub layout: Layout,
    pub heading: String,
    pub intro: Option<String>,
    pub error: Option<String>,
    pub action: String,
    pub csrf: String,
    pub hidden: Vec<(String, String)>,
    pub fields: Vec<Field>,
    pub submit: String,
    pub links: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "account/notice.html")]
pub struct NoticePage {
    pub layout: Layout,
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub links: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "account/profile.html")]
pub struct ProfilePage {
    pub layout: Layout,
    pub notice: Option<String>,
    pub display_name: String,
    pub email: String,
    pub verified: bool,
    pub roles: String,
    pub can_moderate: bool,
    pub csrf: String,
}

pub struct MyComment {
    pub id: i64,
    pub article_title: String,
    pub article_href: String,
    pub date: String,
    pub datetime: String,
    pub status: String,
    pub body: Vec<String>,
    pub reason: Option<String>,
    /// Still on the site (not deleted or taken down): it has a page of its own.
    pub visible: bool,
}

#[derive(Template)]
#[template(path = "account/comments.html")]
pub struct MyCommentsPage {
    pub layout: Layout,
    pub items: Vec<MyComment>,
}
