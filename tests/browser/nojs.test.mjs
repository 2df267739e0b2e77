// Comments without JavaScript: the comment form is a plain HTML form; posting it redirects
// to the article, at the new comment's anchor.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer,
  createUser,
  launchBrowser,
  newContext,
  foundingArticlePath,
  logIn,
  NAV_MS,
} from './harness.mjs';

describe('comments without JavaScript', { timeout: 110_000 }, () => {
  let server;
  let browser;
  let context;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await newContext(browser, server.url, { javaScriptEnabled: false });
  });

  after(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test('a comment posted by a plain form POST lands on the article at its anchor', async () => {
    const email = 'sans-js@exemple.fr';
    const name = 'Sans Script';
    const text = `Commentaire envoyé sans JavaScript. (${Date.now()})`;
    await createUser(server.dataDir, { email, name });

    const page = await context.newPage();
    const articlePath = await foundingArticlePath(page);
    await page.goto(articlePath);
    await page.locator('section#commentaires').getByRole('link', { name: 'Connectez-vous' }).click();
    await page.waitForURL(/\/compte\/connexion/);
    await logIn(page, email);
    assert.equal(new URL(page.url()).pathname, articlePath);

    const form = page.locator('section#commentaires form[data-comment-form]');
    assert.equal(await form.getAttribute('method'), 'post');
    assert.equal(await form.getAttribute('action'), '/commentaires');
    await form.getByLabel(/Votre commentaire/).fill(text);
    const posted = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/commentaires');
    await Promise.all([
      page.waitForURL((u) => u.pathname === articlePath && /^#commentaire-\d+$/.test(u.hash), {
        timeout: NAV_MS,
        waitUntil: 'load',
      }),
      form.getByRole('button', { name: 'Publier' }).click(),
    ]);
    const request = await posted;
    assert.ok(request.isNavigationRequest(), 'a plain form POST (a navigation), not fetch');
    assert.doesNotMatch(request.headers()['accept'] ?? '', /application\/json/);

    const anchor = new URL(page.url()).hash.slice(1);
    const comment = page.locator(`[data-comment-list] article.comment#${anchor}`);
    assert.equal(await comment.count(), 1, `the page has the comment ${anchor}`);
    assert.equal((await comment.locator('.comment-body').innerText()).trim(), text);
    assert.equal(await comment.locator('.comment-author').innerText(), name);
    assert.equal(await page.locator(':target').getAttribute('id'), anchor, 'the comment is the target');
  });
});
