import { startServer, createUser, launchBrowser, newContext, logIn } from './harness.mjs';
const server = await startServer();
await createUser(server.dataDir, { email: 'ed@example.org', name: 'Émilie Durand', role: 'editor' });
const browser = await launchBrowser();
for (const w of [390, 1366]) {
  const ctx = await newContext(browser, server.url, { viewport: { width: w, height: 1000 } });
  const page = await ctx.newPage();
  await page.goto('/compte/connexion'); await logIn(page, 'ed@example.org');
  for (const [name, url] of (process.env.SHOTS || '/admin').split(',').map(s => s.split('='))) {
    await page.goto(url);
    await page.waitForTimeout(500);
    await page.screenshot({ path: `/tmp/shots/${name}-${w}.png`, fullPage: process.env.FULL === '1' });
  }
  await ctx.close();
}
await browser.close();
await server.stop();
