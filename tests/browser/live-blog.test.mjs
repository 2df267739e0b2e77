// A live blog in two browsers: a reader has the demo's live blog open; a journalist posts from
// the desk's composer in another browser; the post appears at the top of the reader's page
// within a second, without a reload. Once the reader has scrolled down, the next post waits
// behind a "1 nouveau post" button instead of moving the text under their eyes; the button
// shows it. Screenshots of the page and the composer, at 390 and 1366 px wide, go to
// $LIVE_SCREENSHOTS when it is set.
//
// The tests of this file run in order and build on each other (one server, one thread).

import { before, after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, createUser, launchBrowser, newContext, logIn } from './harness.mjs';

const SHOTS = process.env.LIVE_SCREENSHOTS;

describe('a live blog follows its posts', { timeout: 120_000 }, () => {
  const journalist = { email: 'direct@kiosque.test', name: 'Léa Direct' };
  let server;
  let browser;
  let reader;
  let desk;
  let livePath;
  let deskPath;

  before(async () => {
    server = await startServer();
    await createUser(server.dataDir, { ...journalist, role: 'journalist', sections: ['france'] });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  const compose = async (title, text) => {
    await desk.getByLabel('Titre', { exact: true }).fill(title);
    await desk.getByLabel('Texte', { exact: true }).fill(text);
    await Promise.all([
      desk.waitForURL(/ok=posted/),
      desk.getByRole('button', { name: 'Publier le post' }).click(),
    ]);
  };

  test('a post appears on the open page within a second', async () => {
    reader = await (await newContext(browser, server.url, { viewport: { width: 1366, height: 900 } })).newPage();
    await reader.goto('/direct');
    livePath = await reader.locator('.live-index .card h3 a').first().getAttribute('href');
    assert.match(livePath, /^\/france\/tempete-ilona.*_\d+\.html$/);
    const id = livePath.match(/_(\d+)\.html$/)[1];
    deskPath = `/admin/articles/${id}/direct`;
    await reader.goto(livePath);
    // Connected: the reload link steps aside.
    await reader.locator('[data-live-reload]').waitFor({ state: 'hidden' });
    const before = await reader.locator('.live-posts .live-post').count();

    desk = await (await newContext(browser, server.url, { viewport: { width: 1366, height: 900 } })).newPage();
    await desk.goto(`/compte/connexion?retour=${deskPath}`);
    await logIn(desk, journalist.email);
    await desk.waitForURL((u) => u.pathname === deskPath);

    const sent = Date.now();
    await compose('Les secours évacuent un camping à Carnac', 'Une centaine de vacanciers ont été mis à l’abri.');
    await reader.locator('.live-posts .live-post-title', { hasText: 'évacuent un camping' }).waitFor({ timeout: 1_000 });
    const delay = Date.now() - sent;
    assert.ok(delay < 1_500, `seen after ${delay} ms (post round trip included)`);
    assert.equal(await reader.locator('.live-posts .live-post').count(), before + 1);
    assert.equal(
      await reader.locator('.live-posts .live-post-title').first().textContent(),
      'Les secours évacuent un camping à Carnac',
    );
  });

  test('after scrolling down, new posts wait behind a button', async () => {
    await reader.locator('.live-posts .live-post').last().scrollIntoViewIfNeeded();
    const scrolled = await reader.evaluate(() => window.scrollY);
    const lastTop = () => reader.locator('.live-posts .live-post').last().evaluate((el) => el.getBoundingClientRect().top);
    const top = await lastTop();
    assert.ok(scrolled > 300, `scrolled by ${scrolled}`);
    await compose('Le vent retombe sur le Morbihan', 'Les rafales ne dépassent plus 80 km/h.');
    const button = reader.locator('[data-live-new]');
    await button.waitFor({ state: 'visible', timeout: 1_000 });
    assert.equal((await button.textContent()).trim(), '1 nouveau post');
    assert.equal(await reader.locator('.live-posts .live-post-title', { hasText: 'Le vent retombe' }).count(), 0,
      'nothing moved under the reader');
    assert.equal(await reader.evaluate(() => window.scrollY), scrolled, 'the page did not jump');
    assert.equal(await lastTop(), top, 'what the reader reads stays where it was');
    await button.click();
    await reader.locator('.live-posts .live-post-title', { hasText: 'Le vent retombe' }).waitFor();
    assert.equal(await button.isHidden(), true);
  });

  test('screenshots of the page and the composer', async () => {
    if (!SHOTS) return;
    for (const width of [390, 1366]) {
      await reader.setViewportSize({ width, height: 1100 });
      await reader.goto(livePath);
      await reader.screenshot({ path: join(SHOTS, `live-page-${width}.png`) });
      await desk.setViewportSize({ width, height: 1100 });
      await desk.goto(deskPath);
      await desk.screenshot({ path: join(SHOTS, `live-composer-${width}.png`) });
    }
  });
});
