//! A form as a browser would post it, read from a page: the fields inside `<form id=…>` and
//! those outside it that name it with `form="…"`, with their current values. A test changes
//! a field and posts the whole form, as a person using the page would.

use crate::page::{select, Page};

/// Field names and values, in page order.
pub type Fields = Vec<(String, String)>;

/// The fields the page's form `id` would post (text-like inputs, checked boxes, text areas,
/// selects; buttons are left out: the test adds the one it "clicks").
pub fn form_fields(page: &Page, id: &str) -> Fields {
    let html = page.html();
    let css = format!(
        "form#{id} input, form#{id} textarea, form#{id} select, \
         input[form={id}], textarea[form={id}], select[form={id}]"
    );
    let mut fields = Fields::new();
    for el in select(&html, &css) {
        let v = el.value();
        let Some(name) = v.attr("name") else { continue };
        let value = match v.name() {
            "textarea" => el.text().collect::<String>(),
            "select" => {
                let options = select_in(&el, "option");
                let chosen = options
                    .iter()
                    .find(|o| o.value().attr("selected").is_some())
                    .or(options.first());
                chosen
                    .and_then(|o| o.value().attr("value"))
                    .unwrap_or_default()
                    .to_owned()
            }
            _ => {
                let kind = v.attr("type").unwrap_or("text");
                if matches!(kind, "submit" | "button" | "reset" | "file" | "image") {
                    continue;
                }
                if matches!(kind, "checkbox" | "radio") && v.attr("checked").is_none() {
                    continue;
                }
                v.attr("value").unwrap_or_default().to_owned()
            }
        };
        fields.push((name.to_owned(), value));
    }
    fields
}

/// The form with one field set (replaced, or added at the end).
pub fn set(mut fields: Fields, name: &str, value: &str) -> Fields {
    fields.retain(|(k, _)| k != name);
    fields.push((name.to_owned(), value.to_owned()));
    fields
}

/// The value of a field, if the form has it.
pub fn field<'a>(fields: &'a Fields, name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The fields as `post` takes them.
pub fn pairs(fields: &Fields) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// An attribute of the first element matching `css` on the page (a button's `formaction`,
/// an element's `role`…).
pub fn attr(page: &Page, css: &str, name: &str) -> Option<String> {
    let html = page.html();
    let found = select(&html, css)
        .first()
        .and_then(|e| e.value().attr(name));
    found.map(str::to_owned)
}

fn select_in<'a>(el: &scraper::ElementRef<'a>, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let Ok(sel) = scraper::Selector::parse(css) else {
        return Vec::new();
    };
    el.select(&sel).collect()
}
