// Opens a published app's page in Debian's Chromium (playwright-core) through the service's
// proxy. `add` clicks the page's "add" button, which writes through useAppData to the app's
// own server; both modes then print what the page lists, and any console or page errors.
// Usage: node published-e2e.mjs <page url> <add|list>
import { launch } from './harness.mjs';

const [url, mode] = process.argv.slice(2);
const browser = await launch();
const errors = [];
const page = await browser.newPage();
page.on('console', (m) => {
  if (m.type() === 'error') errors.push(m.text());
});
page.on('pageerror', (e) => errors.push(String(e)));
page.on('requestfailed', (r) =>
  errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`),
);
await open();

/** Loads the page until its heading shows. Docker adds and removes network interfaces while
 * the other container tests run, and Chromium then aborts requests in flight with
 * ERR_NETWORK_CHANGED: that is the host's network, not the app, so the page is loaded again
 * (three tries). The debug service and app server share two cores with the other container
 * tests (the fork and memory bombs among them): the page's six scripts get 45 s. */
async function open() {
  const networkChanged = (text) => String(text).includes('ERR_NETWORK_CHANGED');
  for (let attempt = 1; attempt <= 3; attempt++) {
    errors.length = 0;
    let changed = false;
    await page.goto(url).catch((e) => {
      if (!networkChanged(e)) throw e;
      changed = true;
    });
    const deadline = Date.now() + 45000;
    while (!changed && Date.now() < deadline) {
      if (await page.locator('h1').isVisible()) return;
      changed = errors.some(networkChanged);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (!changed) break;
    console.error(`attempt ${attempt}: the host's network changed while the page loaded`);
  }
  console.error(JSON.stringify({ errors, html: (await page.content()).slice(0, 2000) }));
  throw new Error(`${url}: no heading within 45 s`);
}
// The kit's Button, styled by the theme: the primary color from its CSS variable (read before
// any click leaves the pointer hovering it).
const kitButton = await page.$eval(
  'button',
  (b) => b.dataset.slot === 'button' && getComputedStyle(b).backgroundColor === 'oklch(0.205 0 0)',
);
if (mode === 'add') {
  const before = await page.locator('li').count();
  await page.click('button');
  await page.waitForFunction((n) => document.querySelectorAll('li').length > n, before, {
    timeout: 10000,
  });
} else {
  // The list arrives from the app's server after the first render.
  await page.waitForSelector('li', { timeout: 10000 }).catch(() => {});
}
const items = await page.$$eval('li', (lis) => lis.map((li) => li.textContent));
const heading = await page.textContent('h1');
const svg = await page.locator('h1 svg').count();
console.log(JSON.stringify({ heading, svg, kitButton, items, errors }));
await browser.close();
