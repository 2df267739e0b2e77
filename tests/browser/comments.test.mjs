// Comments as readers live them, with JavaScript on: sign-up, e-mail confirmation, log-in,
// a comment posted without reload, a reply that appears live in another reader's open page,
// and its removal by a moderator.
//
// The tests of this file run in order and build on each other (one server, one thread).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer,
  createUser,
  waitForMail,
  launchBrowser,
  newContext,
  foundingArticlePath,
  logIn,
  PASSWORD,
  NAV_MS,
} from './harness.mjs';

describe('comments with JavaScript', { timeout: 110_000 }, () => {
  let server;
  let browser;
  const contexts = [];

  // What the tests hand on to each other.
  let articlePath;
  let readerPage; // the first member's article page, kept open from test 1 on
  let commentId;
  let replyId;
  const reader = { email: 'lectrice@exemple.fr', name: 'Lectrice Assidue' };
  const replier = { email: 'repondeur@exemple.fr', name: 'Répondeur Vif' };
  const moderator = { email: 'modo@exemple.fr', name: 'Modo' };
  const commentText = `Analyse éclairante, merci ! (navigateur ${Date.now()})`;
  const replyText = `Je ne suis pas d’accord avec vous. (réponse ${Date.now()})`;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  async function context(options) {
    const c = await newContext(browser, server.url, options);
    contexts.push(c);
    return c;
  }

  test('a visitor signs up, confirms the address, logs in and comments without reload', async () => {
    const page = await (await context()).newPage();
    readerPage = page;

    // Sign-up, from the header's "Mon espace".
    await page.goto('/');
    articlePath = await foundingArticlePath(page);
    await page.locator('a.account-link').click();
    await page.waitForURL(/\/compte/);
    await page.goto('/compte/inscription');
    await page.getByLabel('Nom affiché sous vos commentaires').fill(reader.name);
    await page.getByLabel('Adresse e-mail').fill(reader.email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Créer mon espace' }).click();
    await assert.doesNotReject(
      page.getByRole('heading', { level: 1, name: 'Vérifiez votre boîte e-mail' }).waitFor({ timeout: NAV_MS }),
      'the sign-up ends on “Vérifiez votre boîte e-mail”',
    );

    // The confirmation link, from the outbox.
    const mail = await waitForMail(
      server.dataDir,
      (m) => m.to === reader.email && /\/compte\/verifier\?jeton=[0-9a-f]{64}\b/.test(m.body),
    );
    const link = /(http:\/\/127\.0\.0\.1:\d+\/compte\/verifier\?jeton=[0-9a-f]{64})\b/.exec(mail.body)?.[1];
    assert.ok(link, `the verification mail links to this server's /compte/verifier:\n${mail.body}`);
    assert.ok(link.startsWith(server.url), `the link ${link} points at the server ${server.url}`);
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Adresse confirmée' }).waitFor();

    // Log-in from the article's comment area: it comes back to the article.
    await page.goto(articlePath);
    const invite = page.locator('section#commentaires').getByRole('link', { name: 'Connectez-vous' });
    const inviteHref = await invite.getAttribute('href');
    assert.match(inviteHref, /^\/compte\/connexion\?retour=/);
    assert.equal(
      decodeURIComponent(new URL(inviteHref, server.url).searchParams.get('retour')),
      `${articlePath}#commentaires`,
    );
    await invite.click();
    await page.waitForURL(/\/compte\/connexion/);
    await logIn(page, reader.email);
    assert.equal(new URL(page.url()).pathname, articlePath, 'log-in returns to the article');
    assert.equal(new URL(page.url()).hash, '#commentaires');

    // Comment: the form posts with fetch, the page stays.
    const form = page.locator('section#commentaires form[data-comment-form]');
    await form.waitFor();
    await page.evaluate(() => {
      window.__marker = 'still the same page';
    });
    const urlBefore = page.url();
    await form.getByLabel(/Votre commentaire/).fill(commentText);
    await form.getByRole('button', { name: 'Publier' }).click();

    const comment = page.locator('[data-comment-list] article.comment', { hasText: commentText });
    await comment.waitFor();
    assert.equal(await page.evaluate(() => window.__marker), 'still the same page', 'no reload');
    assert.equal(page.url(), urlBefore, 'no navigation');
    assert.equal(await comment.locator('.comment-author').innerText(), reader.name);
    assert.equal((await comment.locator('.comment-body').innerText()).trim(), commentText);
    await assert.doesNotReject(
      form.locator('.form-status', { hasText: /publié/ }).waitFor(),
      'the form says the comment is published',
    );
    assert.equal(await form.getByLabel(/Votre commentaire/).inputValue(), '', 'the form is emptied');

    const id = (await comment.getAttribute('id'))?.match(/^commentaire-(\d+)$/)?.[1];
    assert.ok(id, 'the comment has an id commentaire-<n>');
    commentId = Number(id);
    assert.equal(
      await comment.getByRole('link', { name: 'Répondre' }).getAttribute('href'),
      `/commentaires/${commentId}#repondre`,
    );
    assert.ok(await comment.getByRole('link', { name: 'Signaler' }).isVisible());

    // Another visitor (no cookie) sees it in the article page too.
    const other = await (await context()).newPage();
    await other.goto(articlePath);
    await other
      .locator(`[data-comment-list] #commentaire-${commentId}`, { hasText: commentText })
      .waitFor();
    await other.close();
  });

  test('a second member replies; the first sees the reply appear without reloading', async () => {
    assert.ok(commentId && readerPage, 'needs the comment of the previous test');
    await createUser(server.dataDir, replier);

    const page = await (await context()).newPage();
    await page.goto(`/compte/connexion?retour=${encodeURIComponent(articlePath)}`);
    await logIn(page, replier.email);
    assert.equal(new URL(page.url()).pathname, articlePath);

    // "Répondre" under the comment leads to its page.
    await page
      .locator(`#commentaire-${commentId}`)
      .getByRole('link', { name: 'Répondre' })
      .click();
    await page.waitForURL((u) => u.pathname === `/commentaires/${commentId}`);
    const section = page.locator('section#repondre');
    await section.getByLabel('Votre réponse').fill(replyText);
    await Promise.all([
      page.waitForURL((u) => u.pathname === articlePath && /^#commentaire-\d+$/.test(u.hash), {
        timeout: NAV_MS,
      }),
      section.getByRole('button', { name: 'Publier la réponse' }).click(),
    ]);
    replyId = Number(new URL(page.url()).hash.replace('#commentaire-', ''));
    assert.notEqual(replyId, commentId);
    // The replier's own page shows it under its parent.
    await page
      .locator(`[data-replies="${commentId}"] #commentaire-${replyId}`, { hasText: replyText })
      .waitFor();

    // The first member's page, open all along, gets it live, inside the parent's replies.
    const live = readerPage.locator(`[data-replies="${commentId}"] article.comment#commentaire-${replyId}`);
    await assert.doesNotReject(
      live.waitFor({ timeout: 10_000 }),
      'the reply appears in the open article page within 10 s (server-sent events)',
    );
    assert.equal((await live.locator('.comment-body').innerText()).trim(), replyText);
    assert.equal(await live.locator('.comment-author').innerText(), replier.name);
    assert.equal(await readerPage.evaluate(() => window.__marker), 'still the same page', 'no reload');
    assert.equal(
      await readerPage.locator(`[data-comment-list] #commentaire-${replyId}`).count(),
      1,
      'the reply is shown once',
    );
    assert.match(
      await readerPage.locator('#commentaires-titre').innerText(),
      /\(2\)/,
      'the comment count in the heading follows live',
    );
  });

  test('a moderator removes the reply; it leaves the article and its author is told', async () => {
    assert.ok(replyId, 'needs the reply of the previous test');
    await createUser(server.dataDir, { ...moderator, role: 'moderator' });

    const page = await (await context()).newPage();
    await page.goto('/compte/connexion');
    await logIn(page, moderator.email);

    await page.goto(`/commentaires/${replyId}`);
    const moderate = page.locator('section#moderer');
    await moderate.waitFor();
    await moderate.getByRole('radio', { name: 'Retirer' }).check();
    await moderate.getByLabel('Motif communiqué à l’auteur').fill('Propos hors sujet (test du navigateur).');
    await Promise.all([
      page.waitForURL((u) => u.pathname === `/commentaires/${replyId}`, { waitUntil: 'load' }),
      moderate.getByRole('button', { name: 'Appliquer' }).click(),
    ]);
    assert.equal(await page.locator('.form-error').count(), 0, 'no error after “Appliquer”');

    // The article page, loaded anew, no longer has the reply's text; the parent stays.
    for (const p of [page, readerPage]) {
      await p.goto(articlePath);
      const list = p.locator('[data-comment-list]');
      await list.waitFor();
      await p.locator(`#commentaire-${commentId}`, { hasText: commentText }).waitFor();
      const text = await list.innerText();
      assert.ok(!text.includes(replyText), `the removed reply's text is gone from the list:\n${text}`);
    }

    const mail = await waitForMail(server.dataDir, (m) => m.to === replier.email && m.subject.includes('retiré'));
    assert.match(mail.body, /Propos hors sujet/, 'the mail gives the reason');
  });
});
