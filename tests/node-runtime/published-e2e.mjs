// Opens a published app's page in Debian's Chromium (playwright-core) through the service's
// proxy. `add` clicks the page's "add" button, which writes through useAppData to the app's
// own server; both modes then print what the page lists, and any console or page errors.
// Usage: node published-e2e.mjs <page url> <add|list>
import { chromium } from 'playwright-core';

const [url, mode] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.APPBUNDLE_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const errors = [];
const page = await browser.newPage();
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
page.on('pageerror', (e) => errors.push(String(e)));
page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
await page.goto(url);
// The debug service and app server share two cores with the other container tests (the fork
// and memory bombs among them): allow the page's six scripts time, and say what went wrong.
await page.waitForSelector('h1', { timeout: 45000 }).catch(async (e) => {
  console.error(JSON.stringify({ errors, html: (await page.content()).slice(0, 2000) }));
  throw e;
});
// The kit's Button, styled by the theme: the primary color from its CSS variable (read before
// any click leaves the pointer hovering it).
const kitButton = await page.$eval('button', (b) => b.dataset.slot === 'button' && getComputedStyle(b).backgroundColor === 'oklch(0.205 0 0)');
if (mode === 'add') {
  const before = await page.locator('li').count();
  await page.click('button');
  await page.waitForFunction((n) => document.querySelectorAll('li').length > n, before, { timeout: 10000 });
} else {
  // The list arrives from the app's server after the first render.
  await page.waitForSelector('li', { timeout: 10000 }).catch(() => {});
}
const items = await page.$$eval('li', (lis) => lis.map((li) => li.textContent));
const heading = await page.textContent('h1');
const svg = await page.locator('h1 svg').count();
console.log(JSON.stringify({ heading, svg, kitButton, items, errors }));
await browser.close();
