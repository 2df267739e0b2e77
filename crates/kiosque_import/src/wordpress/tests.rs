use super::*;

fn read_all(xml: &str) -> Result<(Site, Vec<Entry>), WxrError> {
    let mut r = WxrReader::new(xml.as_bytes());
    let mut entries = Vec::new();
    while let Some(e) = r.next_entry()? {
        entries.push(e);
    }
    Ok((r.site().clone(), entries))
}

const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Le Quotidien</title><link>https://exemple.fr</link><language>fr-FR</language>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://exemple.fr</wp:base_site_url>
<wp:base_blog_url>https://exemple.fr</wp:base_blog_url>"#;

#[test]
fn an_export_reads_as_its_entries_in_order() {
    let xml = format!(
        r#"{HEAD}
<wp:author><wp:author_id>3</wp:author_id><wp:author_login><![CDATA[alice]]></wp:author_login>
<wp:author_email>alice@exemple.fr</wp:author_email>
<wp:author_display_name><![CDATA[Alice Martin]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>5</wp:term_id><wp:category_nicename>monde</wp:category_nicename>
<wp:category_parent/><wp:cat_name><![CDATA[Monde]]></wp:cat_name></wp:category>
<wp:category><wp:term_id>6</wp:term_id><wp:category_nicename>europe</wp:category_nicename>
<wp:category_parent>monde</wp:category_parent><wp:cat_name>Europe</wp:cat_name></wp:category>
<wp:tag><wp:term_id>7</wp:term_id><wp:tag_slug>syrie</wp:tag_slug><wp:tag_name><![CDATA[Syrie]]></wp:tag_name></wp:tag>
<item><title>Alep &amp; après</title><link>https://exemple.fr/2016/12/23/alep/</link>
<dc:creator><![CDATA[alice]]></dc:creator>
<content:encoded><![CDATA[<!-- wp:paragraph --><p>Un <em>texte</em>.</p><!-- /wp:paragraph -->]]></content:encoded>
<excerpt:encoded><![CDATA[Le chapô.]]></excerpt:encoded>
<wp:post_id>123</wp:post_id><wp:post_date>2016-12-23 10:00:00</wp:post_date>
<wp:post_date_gmt>2016-12-23 09:00:00</wp:post_date_gmt><wp:comment_status>open</wp:comment_status>
<wp:post_name>alep</wp:post_name><wp:status>publish</wp:status><wp:post_parent>0</wp:post_parent>
<wp:post_type>post</wp:post_type><wp:is_sticky>1</wp:is_sticky>
<category domain="category" nicename="europe"><![CDATA[Europe]]></category>
<category domain="post_tag" nicename="syrie"><![CDATA[Syrie]]></category>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value><![CDATA[44]]></wp:meta_value></wp:postmeta>
<wp:comment><wp:comment_id>9</wp:comment_id><wp:comment_author><![CDATA[Zoé]]></wp:comment_author>
<wp:comment_author_email>zoe@exemple.fr</wp:comment_author_email>
<wp:comment_date>2016-12-23 11:00:00</wp:comment_date><wp:comment_date_gmt>2016-12-23 10:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[Merci.
Deux lignes.]]></wp:comment_content><wp:comment_approved>0</wp:comment_approved>
<wp:comment_type/><wp:comment_parent>8</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>
</item>
</channel></rss>"#
    );
    let (site, entries) = read_all(&xml).expect("reads");
    assert_eq!(site.title, "Le Quotidien");
    assert_eq!(site.wxr_version, "1.2");
    assert_eq!(site.language, "fr-FR");
    assert_eq!(site.base_blog_url, "https://exemple.fr");
    assert_eq!(entries.len(), 5);
    assert_eq!(
        entries[0],
        Entry::Author(Author {
            id: Some(3),
            login: "alice".into(),
            email: "alice@exemple.fr".into(),
            display_name: "Alice Martin".into(),
            ..Author::default()
        })
    );
    let Entry::Category(europe) = &entries[2] else {
        panic!("{:?}", entries[2]);
    };
    assert_eq!(
        (europe.nicename.as_str(), europe.parent.as_str()),
        ("europe", "monde")
    );
    let Entry::Tag(tag) = &entries[3] else {
        panic!("{:?}", entries[3]);
    };
    assert_eq!((tag.slug.as_str(), tag.name.as_str()), ("syrie", "Syrie"));
    let Entry::Item(item) = &entries[4] else {
        panic!("{:?}", entries[4]);
    };
    assert_eq!(item.title, "Alep & après");
    assert_eq!(item.post_id, 123);
    assert_eq!(item.post_type, "post");
    assert_eq!(item.status, "publish");
    assert_eq!(item.creator, "alice");
    assert!(item.is_sticky);
    assert_eq!(item.excerpt, "Le chapô.");
    assert!(item.content.contains("<p>Un <em>texte</em>.</p>"));
    assert_eq!(item.post_date_gmt, "2016-12-23 09:00:00");
    assert_eq!(item.meta("_thumbnail_id"), Some("44"));
    let cats: Vec<_> = item
        .terms_of("category")
        .map(|t| t.nicename.as_str())
        .collect();
    assert_eq!(cats, ["europe"]);
    let tags: Vec<_> = item.terms_of("post_tag").map(|t| t.name.as_str()).collect();
    assert_eq!(tags, ["Syrie"]);
    assert_eq!(item.comments.len(), 1);
    let c = &item.comments[0];
    assert_eq!((c.id, c.parent, c.user_id), (9, 8, 0));
    assert_eq!(c.author, "Zoé");
    assert_eq!(c.approved, "0");
    assert_eq!(c.content, "Merci.\nDeux lignes.");
}

#[test]
fn what_is_not_an_export_is_refused_with_where() {
    assert!(matches!(read_all(""), Err(WxrError::NotWxr(_))));
    assert!(matches!(
        read_all("<html><body>non</body></html>"),
        Err(WxrError::NotWxr(m)) if m.contains("<html>")
    ));
    // An RSS feed is not an export.
    let feed = r#"<rss version="2.0"><channel><title>Flux</title><item><title>Un</title></item></channel></rss>"#;
    assert!(matches!(read_all(feed), Err(WxrError::NotWxr(m)) if m.contains("wxr_version")));
    // A feed without items is no export either.
    let empty_feed = r#"<rss version="2.0"><channel><title>Flux</title></channel></rss>"#;
    assert!(matches!(read_all(empty_feed), Err(WxrError::NotWxr(m)) if m.contains("wxr_version")));
    // Cut short inside an item, and inside a CDATA section or a tag.
    let cut = format!("{HEAD}<item><title>Un</title><wp:post_id>1</wp:post_id>");
    assert_eq!(read_all(&cut), Err(WxrError::Truncated("item".into())));
    let cut = format!("{HEAD}<item><title>Un</title><content:encoded><![CDATA[<p>Le d");
    assert_eq!(read_all(&cut), Err(WxrError::Truncated("encoded".into())));
    let cut = format!("{HEAD}<item><title>Un</title><wp:post_i");
    assert_eq!(read_all(&cut), Err(WxrError::Truncated("item".into())));
    // Text that is no XML at all is not called cut short.
    assert!(matches!(
        read_all("pas du XML <<<"),
        Err(WxrError::Xml { .. })
    ));
    // Broken XML names the byte.
    let broken = format!("{HEAD}<item><title>Un</titre></item></channel></rss>");
    match read_all(&broken) {
        Err(e @ WxrError::Xml { .. }) => assert_eq!(e.code(), "wxr_not_xml"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn entries_before_a_broken_one_are_read() {
    let xml =
        format!("{HEAD}<wp:tag><wp:tag_slug>un</wp:tag_slug></wp:tag><item><title>x</oups></item>");
    let mut r = WxrReader::new(xml.as_bytes());
    assert!(matches!(r.next_entry(), Ok(Some(Entry::Tag(_)))));
    assert!(r.position() > 0);
    assert!(matches!(r.next_entry(), Err(WxrError::Xml { .. })));
}

#[test]
fn unknown_elements_and_entities_are_kept_out_or_as_written() {
    let xml = format!(
        r#"{HEAD}<wp:term><wp:term_id>1</wp:term_id></wp:term><foo:bar xmlns:foo="urn:x">x</foo:bar>
<item><title>Caf&#233; &amp; cr&#xE8;me &nbsp;</title><wp:post_type>page</wp:post_type><plugin:x xmlns:plugin="urn:p"><deep>y</deep></plugin:x></item></channel></rss>"#
    );
    let (_, entries) = read_all(&xml).expect("reads");
    assert_eq!(entries.len(), 1);
    let Entry::Item(item) = &entries[0] else {
        panic!("{entries:?}");
    };
    assert_eq!(item.title, "Café & crème &nbsp;");
    assert_eq!(item.post_type, "page");
}
