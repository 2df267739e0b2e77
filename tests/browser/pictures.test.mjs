// Pictures on the public site in a real browser, at a phone's width (390 px) and a desktop's
// (1366 px), with the demo's photographs (the Debian package mate-backgrounds): every card whose
// article has a picture shows it, every image has its width and height (nothing moves while
// they load), the lead's picture is loaded first and sits above the headline on phones.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { startServer, createUser, launchBrowser, newContext, logIn } from './harness.mjs';

const PHOTOS = '/usr/share/backgrounds/mate/nature';
const skip = existsSync(PHOTOS)
  ? false
  : `${PHOTOS} is missing: install the Debian package mate-backgrounds (scripts/test.sh does)`;

const SIZES = [
  { width: 390, height: 844 },
  { width: 1366, height: 900 },
];

describe('pictures', { timeout: 110_000, skip }, () => {
  let server;
  let browser;
  const editor = { email: 'editrice@kiosque.test', name: 'Édith Éditrice' };

  before(async () => {
    server = await startServer(['--demo-photos', PHOTOS]);
    await createUser(server.dataDir, { ...editor, role: 'editor' });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  /** A page at this size that records layout shifts from its first paint. */
  async function open(viewport) {
    const context = await newContext(browser, server.url, { viewport });
    await context.addInitScript(() => {
      window.__shifts = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    return { context, page: await context.newPage() };
  }

  /** Scrolls to the end and back, so that every lazy image of the articles is asked for, then
   *  waits for them. The video rail scrolls sideways: its posters past the edge load only when
   *  the reader swipes, so they are not waited for. */
  async function loadEverything(page) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0; y < height; y += 500) {
      await page.evaluate((to) => window.scrollTo(0, to), y);
      await page.waitForTimeout(30);
    }
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(
      () => [...document.querySelectorAll('img')].filter((i) => !i.closest('.rail')).every((i) => i.complete),
      null,
      { timeout: 10_000 },
    );
    await page.evaluate(() => window.scrollTo(0, 0));
  }

  /** Whether an article's page shows a picture of its own (its hero, loaded first). */
  async function hasPicture(context, href) {
    const res = await context.request.get(href);
    assert.equal(res.status(), 200, href);
    return /<img [^>]*fetchpriority="high"/.test(await res.text());
  }

  for (const viewport of SIZES) {
    test(`the front page at ${viewport.width} px: a picture on every card that has one`, async () => {
      const { context, page } = await open(viewport);
      try {
        await page.goto('/');
        await loadEverything(page);
        const cards = await page.locator('article.card').all();
        assert.ok(cards.length >= 20, `${cards.length} cards`);
        let pictured = 0;
        for (const card of cards) {
          const href = await card.locator('h2 a, h3 a').first().getAttribute('href');
          const img = card.locator('img');
          if (await hasPicture(context, href)) {
            pictured += 1;
            assert.equal(await img.count(), 1, `a picture on the card of ${href}`);
            const box = await img.boundingBox();
            assert.ok(box && box.width >= 80 && box.height >= 60, `${href}: ${JSON.stringify(box)}`);
            assert.ok(await img.evaluate((i) => i.naturalWidth > 0), `${href}: the picture loaded`);
            assert.equal(await img.getAttribute('loading'), 'lazy', href);
            assert.match((await img.getAttribute('srcset')) ?? '', /-320w\.webp 320w/, href);
          } else {
            assert.equal(await img.count(), 0, `no picture on the card of ${href}`);
            // No empty box in its place either.
            assert.equal(await card.locator('.card-thumb, .media-frame, figure').count(), 0, href);
          }
        }
        assert.ok(pictured >= 6, `${pictured} cards with a picture`);
        // Every image says its size: the browser keeps its place before it arrives.
        const unsized = await page.evaluate(() =>
          [...document.images]
            .filter((i) => !i.getAttribute('width') || !i.getAttribute('height'))
            .map((i) => i.src),
        );
        assert.deepEqual(unsized, []);
        assert.equal(await page.locator('.media-placeholder').count(), 0);
        const shifts = await page.evaluate(() => window.__shifts);
        assert.ok(shifts < 0.05, `cumulative layout shift ${shifts}`);
      } finally {
        await context.close();
      }
    });
  }

  test('a lead with a photograph: loaded first, above the headline on phones', async () => {
    // An editor puts a story with a photograph at the top of the front page.
    const { context: admin, page: ed } = await open(SIZES[1]);
    try {
      await ed.goto('/');
      const lead = await ed
        .locator('article.card h3 a[href*="/eau-douce-a-geneve"]')
        .first()
        .getAttribute('href');
      const id = /_(\d+)\.html$/.exec(lead)[1];
      await ed.goto('/compte/connexion?retour=/admin/une');
      await logIn(ed, editor.email);
      await ed.goto('/admin/une');
      await ed.locator(`#lead-${id}`).check();
      await Promise.all([
        ed.waitForURL(/\/admin\/une/),
        ed.getByRole('button', { name: 'Placer l’article' }).click(),
      ]);
    } finally {
      await admin.close();
    }

    for (const viewport of SIZES) {
      const { context, page } = await open(viewport);
      try {
        let shown = false;
        for (let i = 0; i < 40 && !shown; i++) {
          await page.goto('/');
          shown = (await page.locator('article.lead h2 a[href*="/eau-douce-a-geneve"]').count()) === 1;
          if (!shown) await page.waitForTimeout(250);
        }
        assert.ok(shown, 'the pinned story leads the front page');
        const img = page.locator('article.lead figure img[srcset]');
        assert.equal(await img.getAttribute('loading'), 'eager');
        assert.equal(await img.getAttribute('fetchpriority'), 'high');
        assert.match((await img.getAttribute('alt')) ?? '', /goutte/);
        await page.waitForFunction(() => {
          const i = document.querySelector('article.lead figure img[srcset]');
          return i && i.complete && i.naturalWidth > 0;
        });
        const picture = await img.boundingBox();
        const headline = await page.locator('article.lead h2').boundingBox();
        assert.ok(picture.y < viewport.height, 'the picture is on the first screen');
        if (viewport.width < 768) {
          assert.ok(picture.y + picture.height <= headline.y + 1, 'above the headline on a phone');
          assert.ok(picture.width >= viewport.width - 1, 'from edge to edge');
        } else {
          assert.ok(picture.x + picture.width <= headline.x, 'beside the headline on a desktop');
        }
        const credit = await page.locator('article.lead figcaption').textContent();
        assert.match(credit, /Photo\u00a0: Charles Barbin, GPL-2\+/);

        // The article itself: its hero is loaded first too.
        await page.locator('article.lead h2 a').click();
        const hero = page.locator('article figure img[srcset]').first();
        assert.equal(await hero.getAttribute('loading'), 'eager');
        assert.equal(await hero.getAttribute('fetchpriority'), 'high');
      } finally {
        await context.close();
      }
    }
  });
});
