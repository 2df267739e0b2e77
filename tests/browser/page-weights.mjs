// Page weights in Debian's Chromium on a phone (390×844): bytes transferred (headers and body
// as sent) by type, once the page has loaded ("first screen") and after scrolling to its end
// (lazy images). Not a test: a measurement for humans.
//   node tests/browser/page-weights.mjs http://127.0.0.1:8080 / /monde/…_1.html
//   DPR=3 node tests/browser/page-weights.mjs …   (a phone's pixel density)
import { chromium } from 'playwright-core';
const [base, ...paths] = process.argv.slice(2);
const dpr = Number(process.env.DPR || 1);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const path of paths) {
  for (const scroll of [false, true]) {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: dpr, isMobile: true });
    const page = await ctx.newPage();
    const reqs = [];
    page.on('requestfinished', (r) => reqs.push(r));
    await page.goto(base + path, { waitUntil: 'networkidle' });
    if (scroll) {
      const h = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0; y < h; y += 400) { await page.evaluate((y) => scrollTo(0, y), y); await page.waitForTimeout(40); }
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
    }
    const sums = {};
    for (const r of reqs) {
      const s = await r.sizes();
      const t = r.resourceType();
      const k = t === 'document' ? 'HTML' : t === 'stylesheet' ? 'CSS' : t === 'script' ? 'JS' : t === 'image' ? 'images' : t;
      sums[k] = sums[k] || { n: 0, bytes: 0 };
      sums[k].n += 1;
      sums[k].bytes += s.responseBodySize + s.responseHeadersSize;
    }
    const total = Object.values(sums).reduce((a, b) => a + b.bytes, 0);
    const fmt = (k) => (sums[k] ? `${(sums[k].bytes / 1024).toFixed(1)} kB (${sums[k].n})` : '0');
    console.log(`${path.slice(0, 40)} ${scroll ? 'scrolled to the end' : 'first screen'}: HTML ${fmt('HTML')}, CSS ${fmt('CSS')}, JS ${fmt('JS')}, images ${fmt('images')}, total ${(total / 1024).toFixed(1)} kB`);
    await ctx.close();
  }
}
await browser.close();
