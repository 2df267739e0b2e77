// The newsroom in a real browser: a journalist uploads an image, writes an article with an
// intertitle, a quote and that image (the live preview shows them as she types), and sends it
// for review; an editor schedules it; when the (test) clock reaches the time, the article is on
// the front page and its section page, and its image is served in responsive WebP variants.
//
// The tests of this file run in order and build on each other (one server, one thread).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  startServer,
  createUser,
  launchBrowser,
  newContext,
  logIn,
  pngImage,
  NAV_MS,
} from './harness.mjs';

describe('the newsroom', { timeout: 110_000 }, () => {
  let server;
  let browser;
  let clockDir;
  let clockFile;
  const contexts = [];
  const now = Date.now();

  const journalist = { email: 'journaliste@kiosque.test', name: 'Jeanne Journaliste' };
  const editor = { email: 'editrice@kiosque.test', name: 'Édith Éditrice' };
  const title = `Les vendanges précoces inquiètent le Bordelais (${now})`;
  let imageSnippet; // the image's line for the article body, from the media library
  let articleUrl; // the editor page of the article

  before(async () => {
    clockDir = await mkdtemp(join(tmpdir(), 'kiosque-clock-'));
    clockFile = join(clockDir, 'now');
    await writeFile(clockFile, String(now));
    server = await startServer(['--test-clock', clockFile]);
    await createUser(server.dataDir, { ...journalist, role: 'journalist' });
    await createUser(server.dataDir, { ...editor, role: 'editor' });
    browser = await launchBrowser();
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
    await rm(clockDir, { recursive: true, force: true });
  });

  async function loggedIn(who) {
    const c = await newContext(browser, server.url);
    contexts.push(c);
    const page = await c.newPage();
    await page.goto('/compte/connexion?retour=/admin');
    await logIn(page, who.email);
    return page;
  }

  test('a journalist uploads an image to the media library', async () => {
    const page = await loggedIn(journalist);
    await page.goto('/admin/medias');
    await page.locator('input#media-file').setInputFiles({
      name: 'vignes.png',
      mimeType: 'image/png',
      buffer: pngImage(1000, 562),
    });
    await page.getByLabel('Texte alternatif (obligatoire)').fill('Des vendangeurs dans les vignes');
    await page.getByLabel('Légende', { exact: true }).fill('Les vendanges à Saint-Émilion');
    await page.getByLabel('Crédit', { exact: true }).fill('AFP');
    await Promise.all([
      page.waitForURL(/\/admin\/medias\/\d+/),
      page.getByRole('button', { name: 'Envoyer' }).click(),
    ]);
    imageSnippet = await page.locator('input#snippet').inputValue();
    assert.match(imageSnippet, /^!\[Des vendangeurs dans les vignes\]\(\/\d{4}\/\d{2}\/\d{2}\/[^)]+\)$/);
    await page.context().close();
  });

  test('she writes the article with a live preview and sends it for review', async () => {
    const page = await loggedIn(journalist);
    await page.goto('/admin/articles/nouveau');
    await page.getByLabel('Titre', { exact: true }).fill(title);
    await page.getByLabel('Chapô', { exact: true }).fill('La chaleur a avancé la récolte de deux semaines.');
    await page.getByLabel('Rubrique', { exact: true }).selectOption('france');
    const body = [
      'Dans les vignes du Bordelais, les sécateurs sont sortis dès la mi-août.',
      '',
      '## Une récolte avancée de deux semaines',
      '',
      '> Nous n’avions jamais vendangé aussi tôt.',
      '> — Un viticulteur de Saint-Émilion',
      '',
      imageSnippet,
      '',
      'Les rendements restent pourtant stables.',
    ].join('\n');
    await page.getByLabel('Texte de l’article').fill(body);
    // The preview follows the text without a reload.
    const preview = page.locator('[data-preview-target]');
    await assert.doesNotReject(
      preview.locator('h2', { hasText: 'Une récolte avancée de deux semaines' }).waitFor({ timeout: NAV_MS }),
      'the live preview shows the intertitle',
    );
    await preview.locator('blockquote', { hasText: 'jamais vendangé' }).waitFor();
    await Promise.all([
      page.waitForURL(/\/admin\/articles\/\d+\?ok=cree/),
      page.getByRole('button', { name: 'Créer le brouillon' }).click(),
    ]);
    articleUrl = new URL(page.url()).pathname;
    assert.equal(await page.locator('.article-status').textContent(), 'Brouillon');
    // A journalist may not schedule: the form is not offered.
    assert.equal(await page.locator('.schedule-form').count(), 0);
    await Promise.all([
      page.waitForURL(/ok=submit/),
      page.getByRole('button', { name: 'Envoyer en relecture' }).click(),
    ]);
    assert.equal(await page.locator('.article-status').textContent(), 'À relire');
    await page.context().close();
  });

  test('an editor schedules it, and it goes live when its time comes', async () => {
    const page = await loggedIn(editor);
    await page.goto('/admin/articles?statut=in_review');
    await Promise.all([
      page.waitForURL(/\/admin\/articles\/\d+$/),
      page.getByRole('link', { name: title }).click(),
    ]);
    // Tomorrow 07:30 in Paris, by the server's clock.
    const tomorrow = new Date(now + 86_400_000);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(tomorrow);
    await page.getByLabel('Date', { exact: true }).fill(day);
    await page.getByLabel('Heure', { exact: true }).fill('07:30');
    await Promise.all([
      page.waitForURL(/ok=schedule/),
      page.getByRole('button', { name: 'Programmer' }).click(),
    ]);
    assert.equal(await page.locator('.article-status').textContent(), 'Programmé');

    // Not online yet.
    const pub = await (await newContext(browser, server.url)).newPage();
    contexts.push(pub.context());
    await pub.goto('/france');
    assert.equal(await pub.getByRole('link', { name: title }).count(), 0, 'not on the section page before its time');

    // The clock reaches the day after at 08:00: the scheduler publishes within a second or two.
    await writeFile(clockFile, String(now + 2 * 86_400_000));
    let onFront = false;
    for (let i = 0; i < 40 && !onFront; i++) {
      await pub.goto('/');
      onFront = (await pub.getByRole('link', { name: title }).count()) > 0;
      if (!onFront) await sleep(250);
    }
    assert.ok(onFront, 'the article is on the front page once its time has come');
    await pub.goto('/france');
    assert.ok((await pub.getByRole('link', { name: title }).count()) > 0, 'and on its section page');

    // Its page: the intertitle, the quote with its source, and the image in WebP variants.
    await Promise.all([
      pub.waitForURL(/\/france\/.+_\d+\.html$/),
      pub.getByRole('link', { name: title }).first().click(),
    ]);
    await pub.locator('h2', { hasText: 'Une récolte avancée' }).waitFor();
    await pub.locator('figure.quote figcaption', { hasText: 'Un viticulteur de Saint-Émilion' }).waitFor();
    const img = pub.locator('.article-body img[alt="Des vendangeurs dans les vignes"]').last();
    const srcset = await img.getAttribute('srcset');
    assert.ok(srcset && /\.webp \d+w/.test(srcset), `the image has WebP variants: ${srcset}`);
    const variants = srcset.split(',').map((s) => s.trim().split(/\s+/)[0]);
    assert.ok(variants.length >= 2, `several widths: ${srcset}`);
    for (const v of variants) {
      const res = await pub.request.get(v);
      assert.equal(res.status(), 200, `${v} is served`);
      assert.equal(res.headers()['content-type'], 'image/webp');
    }
    // The browser chose one of them and loaded it.
    const loaded = await img.evaluate((el) => el.complete && el.naturalWidth > 0 && el.currentSrc);
    assert.ok(loaded && loaded.endsWith('.webp'), `the browser loaded a variant: ${loaded}`);
    assert.ok(articleUrl, 'the article was created');
  });

  test('the back office fits a phone, and its header logs out', async () => {
    const c = await newContext(browser, server.url, { viewport: { width: 390, height: 844 } });
    contexts.push(c);
    const page = await c.newPage();
    await page.goto('/compte/connexion?retour=/admin');
    await logIn(page, editor.email);
    for (const path of ['/admin', '/admin/articles']) {
      await page.goto(path);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 390, `${path} is ${wide} px wide on a 390 px phone`);
      await page.screenshot({ path: `/tmp/kiosque-admin-390${path.replaceAll('/', '-')}.png`, fullPage: true });
    }
    // The site's name, the member and the log-out button share one row.
    const header = page.locator('header.admin-header');
    await header.locator('.admin-name', { hasText: editor.name }).waitFor();
    const brand = await header.locator('.brand').boundingBox();
    const logOut = header.getByRole('button', { name: 'Se déconnecter' });
    const button = await logOut.boundingBox();
    const middle = (box) => box.y + box.height / 2;
    assert.ok(Math.abs(middle(brand) - middle(button)) < 16, 'one header row on a phone');
    await Promise.all([page.waitForURL((u) => u.pathname === '/'), logOut.click()]);
    await page.goto('/admin');
    assert.ok(new URL(page.url()).pathname.startsWith('/compte/connexion'), 'logged out: the back office asks to log in');
  });
});
