// The editor's address and search-engine fields in a real browser: on a draft, the end of the
// address follows the title while it is the title's own, and the public address shown under it
// follows the slug and the section as one types; once the journalist writes a slug of their
// own, the title no longer changes it. Each search-engine field counts its characters. After a
// save the server shows the same address.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, createUser, launchBrowser, newContext, logIn, NAV_MS } from './harness.mjs';

describe('the editor shows the address and counts the search-engine words', { timeout: 60_000 }, () => {
  let server;
  let browser;
  let context;
  const journalist = { email: 'plume@kiosque.test', name: 'Jeanne Plume' };

  before(async () => {
    server = await startServer();
    await createUser(server.dataDir, { ...journalist, role: 'journalist', sections: ['monde'] });
    browser = await launchBrowser();
  });

  after(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test('a draft’s address follows its title until the journalist writes one', async () => {
    context = await newContext(browser, server.url);
    const page = await context.newPage();
    await page.goto('/compte/connexion?retour=/admin');
    await logIn(page, journalist.email);
    await page.goto('/admin/articles/nouveau');
    await page.fill('#e-title', 'Un titre provisoire');
    await page.selectOption('#e-section', 'monde');
    await page.fill('#e-body', 'Les délégations sont arrivées hier soir.');
    await Promise.all([
      page.waitForURL(/\/admin\/articles\/\d+\?ok=cree/, { timeout: NAV_MS }),
      page.click('button[name=intent][value=save]'),
    ]);
    await page.waitForURL((u) => !u.search.includes('ok='));
    const id = new URL(page.url()).pathname.split('/').pop();
    const slug = page.locator('#e-slug');
    const address = page.locator('[data-address]');
    assert.equal(await slug.inputValue(), 'un-titre-provisoire');

    // The title changes: the slug, still the title's, follows, and the address with it.
    await page.fill('#e-title', 'Genève : l’accord définitif');
    assert.equal(await slug.inputValue(), 'geneve-l-accord-definitif');
    assert.equal(await address.textContent(), `/monde/geneve-l-accord-definitif_${id}.html`);

    // A slug of the journalist's own: the address shows it, the title no longer moves it.
    await page.fill('#e-slug', 'accord-geneve');
    assert.equal(await address.textContent(), `/monde/accord-geneve_${id}.html`);
    await page.fill('#e-title', 'Genève : l’accord est signé');
    assert.equal(await slug.inputValue(), 'accord-geneve');

    // The counters count.
    const counter = page.locator('#e-seo-title-count');
    assert.match(await counter.textContent(), /^0 \/ 110/);
    await page.fill('#e-seo-title', 'Accord de Genève');
    assert.match(await counter.textContent(), /^16 \/ 110/);

    // Saved, the server shows the same address.
    await Promise.all([
      page.waitForURL(/\?ok=enregistre/, { timeout: NAV_MS }),
      page.click('button[name=intent][value=save]'),
    ]);
    await page.waitForURL((u) => !u.search.includes('ok='));
    assert.equal(await slug.inputValue(), 'accord-geneve');
    assert.equal(await address.textContent(), `/monde/accord-geneve_${id}.html`);
  });
});
