// The page frame in a real browser: the phone header fits on one line, no public page scrolls
// sideways at 320 px, and text keeps WCAG 2.1 AA contrast in the light and the dark theme.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, launchBrowser, newContext, foundingArticlePath, logIn } from './harness.mjs';

/** The boxes of the header's first row: logo, search, account. */
async function headerBoxes(page) {
  return page.evaluate(() => {
    const box = (sel) => {
      const el = document.querySelector(`header.site-header ${sel}`);
      const r = el.getBoundingClientRect();
      return { sel, top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height };
    };
    const label = document.querySelector('header.site-header .account-link .label');
    return {
      boxes: [box('.brand'), box('.search-link'), box('.account-link')],
      // A label that wrapped has several line boxes.
      accountLines: label.getClientRects().length,
      accountText: label.textContent,
      accountCut: label.scrollWidth > label.clientWidth,
      width: document.documentElement.clientWidth,
    };
  });
}

function assertOneLine({ boxes, accountLines, width }, where) {
  const [brand, search, account] = boxes;
  for (const b of boxes) {
    assert.ok(b.left >= 0 && b.right <= width, `${where}: ${b.sel} inside the screen: ${JSON.stringify(b)}`);
    assert.ok(b.height < 56, `${where}: ${b.sel} is one line high: ${JSON.stringify(b)}`);
  }
  // Side by side, in this order, on the same row (their vertical extents overlap).
  assert.ok(brand.right <= search.left && search.right <= account.left, `${where}: in a row: ${JSON.stringify(boxes)}`);
  for (const b of [search, account]) {
    assert.ok(b.top < brand.bottom && b.bottom > brand.top, `${where}: ${b.sel} on the logo's row: ${JSON.stringify(boxes)}`);
  }
  assert.equal(accountLines, 1, `${where}: the account link does not wrap`);
}

/**
 * WCAG contrast of every visible text element of the page against the background it is drawn
 * on (the nearest ancestor with a background colour, alpha composited over what is below).
 * Returns the failures: below 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold).
 */
function contrastFailures(page) {
  return page.evaluate(() => {
    const parse = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
    };
    const over = (top, below) => ({
      r: top.r * top.a + below.r * (1 - top.a),
      g: top.g * top.a + below.g * (1 - top.a),
      b: top.b * top.a + below.b * (1 - top.a),
      a: 1,
    });
    const lum = ({ r, g, b }) => {
      const f = (v) => {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (x, y) => {
      const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p);
      return (a + 0.05) / (b + 0.05);
    };
    // The background an element is painted on; null when an image or gradient is behind it.
    const background = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.backgroundImage !== 'none') return null;
        const c = parse(s.backgroundColor);
        if (c && c.a > 0) {
          layers.push(c);
          if (c.a >= 1) break;
        }
      }
      let bg = { r: 255, g: 255, b: 255, a: 1 };
      const canvas = parse(getComputedStyle(document.documentElement).backgroundColor);
      if (layers.length === 0 || layers[layers.length - 1].a < 1) {
        bg = canvas && canvas.a > 0 ? canvas : parse(getComputedStyle(document.body).backgroundColor) || bg;
      }
      for (const l of layers.reverse()) bg = over(l, bg);
      return bg;
    };
    const failures = [];
    let checked = 0;
    for (const el of document.body.querySelectorAll('*')) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own || el.closest('script, style, noscript, video, svg, .visually-hidden')) continue;
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      if (r.width < 2 || r.height < 2 || s.visibility !== 'visible' || Number(s.opacity) === 0) continue;
      const bg = background(el);
      if (!bg) continue;
      const fg = parse(s.color);
      const ratioOf = ratio(over(fg, bg), bg);
      const size = parseFloat(s.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
      checked += 1;
      if (ratioOf < (large ? 3 : 4.5)) {
        failures.push(`${el.tagName.toLowerCase()}.${el.className} «${el.textContent.trim().slice(0, 40)}» ${s.color} on rgb(${bg.r},${bg.g},${bg.b}) = ${ratioOf.toFixed(2)}`);
      }
    }
    return { failures, checked };
  });
}

describe('the page frame', { timeout: 110_000 }, () => {
  let server;
  let browser;
  let context;
  /** Public pages to visit: [label, path]. */
  const pages = [];
  const email = 'cadre@exemple.fr';
  const admin = 'admin-cadre@exemple.fr';

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await newContext(browser, server.url);
    await createUser(server.dataDir, { email, name: 'Marie-Héloïse de La Tour-Maubourg' });
    await createUser(server.dataDir, { email: admin, name: 'Adèle Admin', role: 'admin' });
    const page = await context.newPage();
    const article = await foundingArticlePath(page);
    const href = (sel) => page.locator(sel).first().getAttribute('href');
    const section = await href('nav.site-nav a');
    // A demo article written for the demo: it has a byline, tags and the video rail (the
    // demo's live blog, near the top of the front page, has its own layout, without the rail).
    const other = await href('main a[href$=".html"]:not([href^="/monde/syrie-poutine"]):not([href^="/videos/"]):not([href*="/tempete-ilona"])');
    await page.goto(other);
    const tag = await href('ul.tags a');
    const author = await href('a.author');
    const video = await href('.side-rail a[href^="/videos/"], a[href^="/videos/"][href$=".html"]');
    await page.goto('/direct');
    const live = await href('.live-index .card h3 a');
    pages.push(
      ['front', '/'],
      ['section', section],
      ['tag', tag],
      ['author', author],
      ['article', article],
      ['search', '/recherche?q=syrie'],
      ['videos', '/videos'],
      ['video', video],
      ['log-in', '/compte/connexion'],
      ['sign-up', '/compte/inscription'],
      ['forgotten password', '/compte/mot-de-passe-oublie'],
      ['site page', '/pages/charte'],
      ['live blogs', '/direct'],
      ['live blog', live],
      ['podcasts', '/podcasts'],
      ['newsletters', '/lettres'],
      ['404', '/nulle-part-ailleurs'],
    );
    for (const [label, path] of pages) assert.ok(path, `found a ${label} page`);
    await page.close();
  });

  after(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test('at 390 px the header fits on one line, for a visitor and for a member', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    const visitor = await headerBoxes(page);
    assertOneLine(visitor, 'visitor');
    assert.ok(!visitor.accountCut, 'a visitor reads « Mon espace » whole');
    await page.goto('/compte/connexion');
    await logIn(page, email);
    for (const path of ['/', '/compte']) {
      await page.goto(path);
      const h = await headerBoxes(page);
      assert.match(h.accountText, /Marie-Héloïse/, `${path}: the header names the member`);
      assertOneLine(h, `member on ${path}`);
    }
    await page.screenshot({ path: '/tmp/kiosque-chrome-390-member.png' });
    await context.clearCookies();
    await page.close();
  });

  test('at 320 px no public page scrolls sideways', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    for (const [label, path] of pages) {
      const res = await page.goto(path);
      assert.ok(res.status() === 200 || (label === '404' && res.status() === 404), `${label}: ${res.status()}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 320, `${label} (${path}) is ${width} px wide at 320 px`);
      const header = await headerBoxes(page);
      assertOneLine(header, `${label} at 320 px`);
      assert.ok(!header.accountCut, `${label} at 320 px: « Mon espace » is not cut`);
    }
    // A member's pages too, with a long name in the header.
    await page.goto('/compte/connexion');
    await logIn(page, email);
    for (const path of ['/compte', '/compte/commentaires', '/compte/nom', pages[4][1]]) {
      await page.goto(path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 320, `${path} is ${width} px wide at 320 px for a member`);
      assertOneLine(await headerBoxes(page), `${path} at 320 px for a member`);
    }
    await context.clearCookies();
    await page.close();
  });

  test('the section menu shows that it scrolls on a phone', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    const menu = await page.evaluate(() => {
      const ul = document.querySelector('nav.site-nav ul');
      const after = getComputedStyle(document.querySelector('nav.site-nav'), '::after');
      return { scrolls: ul.scrollWidth > ul.clientWidth, overflow: getComputedStyle(ul).overflowX, fade: Number(after.opacity) };
    });
    assert.ok(menu.scrolls, 'the demo has more sections than a phone is wide');
    assert.equal(menu.overflow, 'auto');
    assert.ok(menu.fade > 0.5, `the fade and arrow are shown: ${JSON.stringify(menu)}`);
    await page.close();
  });

  test('printed, an article is black on white without the site around it', async () => {
    const page = await context.newPage();
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    await page.goto(pages[4][1]);
    const printed = await page.evaluate(() => {
      const shown = (sel) => [...document.querySelectorAll(sel)].some((e) => e.getClientRects().length > 0);
      const body = getComputedStyle(document.body);
      return {
        nav: shown('nav.site-nav'),
        comments: shown('#commentaires'),
        rail: shown('.side-rail'),
        title: shown('main h1'),
        color: body.color,
        background: body.backgroundColor,
      };
    });
    assert.deepEqual(printed, {
      nav: false,
      comments: false,
      rail: false,
      title: true,
      color: 'rgb(0, 0, 0)',
      background: 'rgb(255, 255, 255)',
    });
    await page.close();
  });

  for (const scheme of ['light', 'dark']) {
    test(`text keeps AA contrast in the ${scheme} theme`, async () => {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [390, 1366]) {
        await page.setViewportSize({ width, height: 900 });
        for (const [label, path] of pages) {
          await page.goto(path);
          const { failures, checked } = await contrastFailures(page);
          assert.ok(checked > 10, `${label}: ${checked} text elements checked`);
          assert.deepEqual(failures, [], `${scheme}, ${width} px, ${label} (${path})`);
        }
        await page.screenshot({ path: `/tmp/kiosque-chrome-${width}-${scheme}.png`, fullPage: false });
      }
      // Members' and the newsroom's pages.
      await page.goto('/compte/connexion');
      await logIn(page, email);
      for (const path of ['/compte', '/compte/nom']) {
        await page.goto(path);
        const { failures } = await contrastFailures(page);
        assert.deepEqual(failures, [], `${scheme}, ${path}`);
      }
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      if (scheme === 'dark') assert.notEqual(bg, 'rgb(255, 255, 255)', 'the dark theme has a dark background');
      await context.clearCookies();
      // The newsroom, as an admin.
      await page.goto('/compte/connexion');
      await logIn(page, admin);
      for (const path of ['/admin/articles', '/admin/pages', '/admin/pages/charte', '/admin/moderation', '/admin/utilisateurs']) {
        const res = await page.goto(path);
        assert.equal(res.status(), 200, path);
        const { failures } = await contrastFailures(page);
        assert.deepEqual(failures, [], `${scheme}, ${path}`);
      }
      await context.clearCookies();
      await page.close();
    });
  }
});
