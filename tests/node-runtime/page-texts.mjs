// Opens a page in Debian's Chromium and waits until each given element's text has settled
// (is no longer "…"); prints the texts and any page errors as JSON.
// Usage: node page-texts.mjs <url> <css selector>...
import { launch } from './harness.mjs';

const [url, ...selectors] = process.argv.slice(2);
const browser = await launch();
const page = await browser.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
await page.goto(url);
const texts = {};
for (const selector of selectors) {
  await page.waitForFunction(
    (s) => {
      const element = document.querySelector(s);
      return element && element.textContent !== '…';
    },
    selector,
    { timeout: 30000 },
  );
  texts[selector] = await page.textContent(selector);
}
console.log(JSON.stringify({ texts, errors }));
await browser.close();
