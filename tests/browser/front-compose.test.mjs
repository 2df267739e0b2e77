// The composed front page in a real browser: an editor places an article in the front page's
// second slot with the page's own form and button (no dragging), and the public front page
// shows it there; moving it up with the slot's button makes it the lead.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, launchBrowser, newContext, logIn } from './harness.mjs';

describe('the editor composes the front page', { timeout: 90_000 }, () => {
  let server;
  let browser;
  let context;
  const editor = { email: 'une@kiosque.test', name: 'Édith Une' };

  before(async () => {
    server = await startServer();
    await createUser(server.dataDir, { ...editor, role: 'editor' });
    browser = await launchBrowser();
    context = await newContext(browser, server.url);
  });

  after(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  const slotLink = (page, n) => page.locator(`main .front-slots li[data-slot="${n}"] h3 a`);

  test('an article placed in the second slot shows there on the front page', async () => {
    const page = await context.newPage();
    await page.goto('/compte/connexion?retour=/admin/une');
    await logIn(page, editor.email);
    await page.waitForURL(/\/admin\/une$/);

    // The oldest article offered that is not at the top of the front page.
    const front = await context.newPage();
    await front.goto('/');
    const shown = await front.locator('main article.lead h2 a, main .front-slots h3 a').evaluateAll(
      (links) => links.map((a) => a.getAttribute('href')),
    );
    const choices = page.locator('.compose-choices li[data-article]');
    let chosen;
    for (let i = (await choices.count()) - 1; i >= 0 && !chosen; i--) {
      const href = await choices.nth(i).locator('a').getAttribute('href');
      if (!shown.includes(href)) chosen = { item: choices.nth(i), href };
    }
    assert.ok(chosen, 'an article that is not at the top of the front page');
    const id = await chosen.item.getAttribute('data-article');

    await page.locator(`#lead-${id}`).check();
    await page.getByLabel('Emplacement', { exact: true }).selectOption({ label: 'Emplacement 2' });
    await Promise.all([
      page.waitForURL(/\/admin\/une\?ok=place/),
      page.getByRole('button', { name: 'Placer l’article' }).click(),
    ]);
    assert.equal(await page.getByRole('status').textContent(), 'Article placé.');
    const slot2 = page.locator('li.compose-slot[data-slot="2"]');
    assert.equal(await slot2.locator('a.slot-title').getAttribute('href'), chosen.href);
    assert.equal(await slot2.locator('.slot-state').textContent(), 'Choisi');

    await front.goto('/');
    assert.equal(await slotLink(front, 2).getAttribute('href'), chosen.href);
    assert.equal(
      await front.locator(`main article h2 a[href="${chosen.href}"], main article h3 a[href="${chosen.href}"]`).count(),
      1,
      'shown once',
    );

    // Its "Monter" button, reached and pressed with the keyboard: it becomes the lead.
    const up = slot2.getByRole('button', { name: /Monter/ });
    await up.focus();
    await Promise.all([page.waitForURL(/ok=deplace/), page.keyboard.press('Enter')]);
    await front.goto('/');
    assert.equal(await front.locator('main article.lead h2 a').getAttribute('href'), chosen.href);
  });
});
