#!/usr/bin/env python3
"""Writes a WordPress export (WXR 1.2) of N posts, for measuring `kiosque import wordpress`.

Usage: python3 scripts/gen_wxr.py N OUT.xml

The posts look like a newsroom's: 3 authors, 40 categories (10 of them under another), 500
tags, bodies of 6 to 12 paragraphs in block markup with an intertitle, a quote and a list,
an excerpt, a few comments with replies on one post in five. The output is deterministic
(a fixed seed), streamed to the file, and stays in constant memory.
"""

import random
import sys
from datetime import datetime, timedelta
from xml.sax.saxutils import escape

WORDS = (
    "le la les un une des gouvernement ministre réforme élection budget assemblée "
    "sénat région ville maire grève syndicat école hôpital climat énergie prix marché "
    "entreprise salariés accord vote projet loi débat opposition majorité président "
    "enquête justice tribunal police sécurité culture festival musée sport match saison "
    "équipe victoire défaite europe monde guerre paix frontière économie croissance"
).split()

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
\t<title>Le Quotidien de test</title>
\t<link>https://quotidien.example</link>
\t<language>fr-FR</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>https://quotidien.example</wp:base_site_url>
\t<wp:base_blog_url>https://quotidien.example</wp:base_blog_url>
"""


def cdata(s):
    return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def body(rng):
    parts = []
    for i in range(rng.randint(6, 12)):
        text = " ".join(sentence(rng, rng.randint(8, 20)) for _ in range(3))
        parts.append(f"<!-- wp:paragraph -->\n<p>{escape(text)}</p>\n<!-- /wp:paragraph -->")
        if i == 2:
            parts.append(
                f"<!-- wp:heading -->\n<h2>{escape(sentence(rng, 5))}</h2>\n<!-- /wp:heading -->"
            )
        if i == 4:
            parts.append(
                "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><p>"
                f"{escape(sentence(rng, 12))}</p><cite>{escape(sentence(rng, 2))}</cite>"
                "</blockquote>\n<!-- /wp:quote -->"
            )
        if i == 5:
            items = "".join(f"<li>{escape(sentence(rng, 6))}</li>" for _ in range(3))
            parts.append(f"<!-- wp:list -->\n<ul>{items}</ul>\n<!-- /wp:list -->")
    return "\n\n".join(parts)


def main():
    n = int(sys.argv[1])
    out = open(sys.argv[2], "w", encoding="utf-8")
    rng = random.Random(15)
    out.write(HEAD)
    authors = [("claire", "Claire Martin"), ("paul", "Paul Durand"), ("nora", "Nora Haddad")]
    for i, (login, name) in enumerate(authors, 1):
        out.write(
            f"\t<wp:author><wp:author_id>{i}</wp:author_id><wp:author_login>{cdata(login)}"
            f"</wp:author_login><wp:author_email>{cdata(login + '@quotidien.example')}"
            f"</wp:author_email><wp:author_display_name>{cdata(name)}</wp:author_display_name>"
            "</wp:author>\n"
        )
    categories = []
    for i in range(40):
        slug = f"rubrique-{i}"
        parent = f"rubrique-{i % 10}" if i >= 30 else ""
        categories.append(slug)
        out.write(
            f"\t<wp:category><wp:term_id>{i + 1}</wp:term_id><wp:category_nicename>"
            f"{cdata(slug)}</wp:category_nicename><wp:category_parent>{cdata(parent)}"
            f"</wp:category_parent><wp:cat_name>{cdata('Rubrique ' + str(i))}</wp:cat_name>"
            "</wp:category>\n"
        )
    tags = [f"sujet {i}" for i in range(500)]
    for i, t in enumerate(tags):
        out.write(
            f"\t<wp:tag><wp:term_id>{1000 + i}</wp:term_id><wp:tag_slug>"
            f"{cdata(t.replace(' ', '-'))}</wp:tag_slug><wp:tag_name>{cdata(t)}</wp:tag_name>"
            "</wp:tag>\n"
        )
    start = datetime(2012, 1, 1)
    comment_id = 0
    for post in range(1, n + 1):
        when = start + timedelta(minutes=post * 50)
        date = when.strftime("%Y-%m-%d %H:%M:%S")
        title = sentence(rng, rng.randint(5, 10)).rstrip(".")
        slug = f"article-{post}"
        login, _ = authors[post % 3]
        cat = categories[post % 40]
        post_tags = rng.sample(tags, 3)
        out.write("\t<item>\n")
        out.write(f"\t\t<title>{cdata(title)}</title>\n")
        out.write(
            f"\t\t<link>https://quotidien.example/{when:%Y/%m/%d}/{slug}/</link>\n"
            f"\t\t<dc:creator>{cdata(login)}</dc:creator>\n"
            f"\t\t<content:encoded>{cdata(body(rng))}</content:encoded>\n"
            f"\t\t<excerpt:encoded>{cdata(sentence(rng, 18))}</excerpt:encoded>\n"
            f"\t\t<wp:post_id>{post}</wp:post_id>\n"
            f"\t\t<wp:post_date>{cdata(date)}</wp:post_date>\n"
            f"\t\t<wp:post_date_gmt>{cdata(date)}</wp:post_date_gmt>\n"
            f"\t\t<wp:comment_status>{cdata('open')}</wp:comment_status>\n"
            f"\t\t<wp:post_name>{cdata(slug)}</wp:post_name>\n"
            f"\t\t<wp:status>{cdata('publish')}</wp:status>\n"
            f"\t\t<wp:post_parent>0</wp:post_parent>\n"
            f"\t\t<wp:post_type>{cdata('post')}</wp:post_type>\n"
        )
        out.write(
            f"\t\t<category domain=\"category\" nicename=\"{cat}\">{cdata('Rubrique ' + cat.split('-')[1])}</category>\n"
        )
        for t in post_tags:
            out.write(
                f"\t\t<category domain=\"post_tag\" nicename=\"{t.replace(' ', '-')}\">{cdata(t)}</category>\n"
            )
        if post % 5 == 0:
            first = None
            for c in range(rng.randint(1, 4)):
                comment_id += 1
                parent = first if (first and c % 2 == 1) else 0
                first = first or comment_id
                out.write(
                    f"\t\t<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
                    f"<wp:comment_author>{cdata('Lecteur ' + str(comment_id % 97))}</wp:comment_author>"
                    f"<wp:comment_date_gmt>{cdata(date)}</wp:comment_date_gmt>"
                    f"<wp:comment_content>{cdata(sentence(rng, 15))}</wp:comment_content>"
                    f"<wp:comment_approved>{cdata('1' if c < 3 else '0')}</wp:comment_approved>"
                    f"<wp:comment_parent>{parent}</wp:comment_parent>"
                    "<wp:comment_user_id>0</wp:comment_user_id></wp:comment>\n"
                )
        out.write("\t</item>\n")
    out.write("</channel>\n</rss>\n")
    out.close()


if __name__ == "__main__":
    main()
