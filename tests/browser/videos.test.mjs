// Video cards in a real browser, on a phone (390 px) and a desktop (1366 px): a journalist gives
// two videos a poster through the newsroom's form (an image sent with it, which joins the media
// library); the "À regarder" rail of the front page and of an article, `/videos` and the video
// page then show the posters, loaded, with the play mark and the length, and no page overflows
// sideways.
//
// The tests of this file run in order and build on each other (one server, one browser).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer,
  createUser,
  launchBrowser,
  newContext,
  logIn,
  pngImage,
  foundingArticlePath,
  NAV_MS,
} from './harness.mjs';

const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1366, height: 900 },
];

describe('video cards', { timeout: 110_000 }, () => {
  let server;
  let browser;
  const contexts = [];
  const journalist = { email: 'journaliste@kiosque.test', name: 'Jeanne Journaliste' };
  const videos = [
    { title: 'Alep : les derniers bus quittent la ville', duration: '3:12', spoken: 'Durée : 3 min 12 s' },
    { title: 'La crue de la Seine vue du ciel', duration: '1:05', spoken: 'Durée : 1 min 05 s' },
  ];
  let videoPath; // the public page of the first video

  before(async () => {
    server = await startServer();
    await createUser(server.dataDir, { ...journalist, role: 'journalist' });
    browser = await launchBrowser();
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  async function newPage(options = {}) {
    const c = await newContext(browser, server.url, options);
    contexts.push(c);
    return c.newPage();
  }

  test('a journalist gives two videos a poster', async () => {
    const page = await newPage();
    await page.goto('/compte/connexion?retour=/admin/videos');
    await logIn(page, journalist.email);
    // Added in order, so that the second is the newest: the rail starts with it.
    for (const [i, v] of [...videos].reverse().entries()) {
      await page.goto('/admin/videos/nouvelle');
      await page.getByLabel('Titre').fill(v.title);
      await page.getByLabel('Date de la vidéo').fill(`2016-12-2${i}`);
      await page.getByLabel('Durée').fill(v.duration);
      await page.getByLabel('Description').fill('Ce que montre la vidéo, filmée par notre équipe.');
      await page.locator('input[name=poster_file]').setInputFiles({
        name: `affiche-${i}.png`,
        mimeType: 'image/png',
        buffer: pngImage(960, 540),
      });
      await page.getByLabel('Crédit de l’image envoyée').fill('Kiosque');
      await page.getByLabel('Texte alternatif de l’affiche').fill(`Image de « ${v.title} »`);
      await page.getByLabel('Adresse de la vidéo sur un autre site (https://…)').fill(`https://vimeo.com/${100 + i}`);
      await Promise.all([
        page.waitForURL(/\/admin\/videos\/\d+\?ok=cree/, { timeout: NAV_MS }),
        page.getByRole('button', { name: 'Publier la vidéo' }).click({ timeout: NAV_MS }),
      ]);
      // The form now shows the poster it keeps.
      assert.equal(await page.locator('.poster-current img').count(), 1);
      if (v === videos[0]) {
        videoPath = await page.getByRole('link', { name: 'Voir la page publique' }).getAttribute('href');
      }
    }
    assert.match(videoPath, /^\/videos\/alep-les-derniers-bus-quittent-la-ville_\d+\.html$/);
  });

  /** The card titled `title` under `scope`, scrolled into view, with its poster loaded. */
  async function loadedCard(page, scope, title) {
    const card = page.locator(`${scope} article.video-card`).filter({
      has: page.getByRole('link', { name: title, exact: true }),
    });
    assert.equal(await card.count(), 1, `one card for ${title} in ${scope}`);
    await card.scrollIntoViewIfNeeded();
    const img = card.locator('.video-thumb img');
    await page.waitForFunction(
      (el) => el.complete && el.naturalWidth > 0,
      await img.elementHandle(),
      { timeout: NAV_MS },
    );
    return card;
  }

  async function assertCard(page, scope, v) {
    const card = await loadedCard(page, scope, v.title);
    const box = await card.locator('.video-thumb img').boundingBox();
    assert.ok(box.width > 100 && box.height > 50, `a visible poster: ${JSON.stringify(box)}`);
    // 16:9, whatever the width: the poster's box never jumps.
    assert.ok(Math.abs(box.width / box.height - 16 / 9) < 0.05, JSON.stringify(box));
    const length = card.locator('.video-duration time');
    assert.equal(await length.innerText(), v.duration);
    assert.ok(await length.isVisible());
    assert.match(await length.getAttribute('datetime'), /^PT\d+M\d+S$/);
    assert.ok(await card.locator('.video-play').isVisible());
    const words = await card.locator('.video-duration .visually-hidden').textContent();
    assert.equal(words.replace(/\u00a0/g, ' '), v.spoken, 'the length, in words, for screen readers');
  }

  async function assertNoOverflow(page, what) {
    const { scroll, width } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: window.innerWidth,
    }));
    assert.ok(scroll <= width, `${what} overflows: ${scroll} > ${width}`);
  }

  for (const viewport of WIDTHS) {
    test(`the rail, /videos and a video page at ${viewport.width} px`, async () => {
      const page = await newPage({ viewport });

      await page.goto('/');
      for (const v of videos) await assertCard(page, 'section.rail', v);
      await assertNoOverflow(page, 'the front page');
      // The rail is a strip that scrolls sideways, with its first card in view.
      const strip = page.locator('section.rail ul.video-cards');
      const { scrollWidth, clientWidth } = await strip.evaluate((el) => ({
        scrollWidth: el.scrollWidth,
        clientWidth: el.clientWidth,
      }));
      assert.ok(scrollWidth > clientWidth, 'the demo\u2019s 30 videos do not fit: the strip scrolls');

      // Beside an article.
      const article = await foundingArticlePath(page);
      await page.goto(article);
      for (const v of videos) await assertCard(page, 'section.rail', v);
      await assertNoOverflow(page, 'an article');

      await page.goto('/videos');
      for (const v of videos) await assertCard(page, '.video-grid', v);
      await assertNoOverflow(page, '/videos');

      // A card leads to its page: the poster, the video's date, its length.
      await Promise.all([
        page.waitForURL((u) => u.pathname === videoPath),
        page.locator('.video-grid').getByRole('link', { name: videos[0].title, exact: true }).click(),
      ]);
      const poster = page.locator('a.video-stage img');
      await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await poster.elementHandle());
      assert.ok(await poster.isVisible());
      assert.equal(await page.locator('time.video-day').innerText(), 'Vidéo du 21/12/2016');
      assert.equal(await page.locator('.video-length').innerText(), 'Durée\u00a0: 3\u00a0min 12\u00a0s');
      assert.equal(await page.locator('.video-link').getAttribute('href'), 'https://vimeo.com/101');
      await assertNoOverflow(page, 'the video page');
    });
  }
});
