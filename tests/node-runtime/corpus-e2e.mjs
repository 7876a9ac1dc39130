// Renders every app of the corpus in the sandboxed preview, one after another in one page as a
// user of an app builder would, and prints what each did as one JSON object for tests/corpus.rs.
// Usage: node corpus-e2e.mjs <host base> <preview base> <apps JSON: [{ name, dir }]>
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chromium } from 'playwright-core';

const [hostBase, previewBase, appsJson] = process.argv.slice(2);
const apps = JSON.parse(appsJson);

function readApp(dir) {
  const files = {};
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!name.endsWith('.snap') && name !== 'options.json')
        files[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}

const browser = await chromium.launch({
  executablePath: process.env.APPBUNDLE_CHROMIUM || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--use-angle=swiftshader',
    '--enable-unsafe-swiftshader',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
await page.goto(`${hostBase}/?preview=${encodeURIComponent(`${previewBase}/preview`)}`);
const frame = () => page.frames().find((f) => f.url().startsWith(`${previewBase}/preview`));
await page.waitForFunction(
  () => window.__playground.messages.some((m) => m.type === 'rendered'),
  null,
  {
    timeout: 30000,
  },
);

const out = {};
for (const app of apps) {
  const start = await page.evaluate(() => window.__playground.messages.length);
  await page.evaluate((f) => window.__playground.load(f), readApp(app.dir));
  let settled = true;
  try {
    await page.waitForFunction(
      (from) =>
        window.__playground.messages
          .slice(from)
          .some((m) => m.type === 'rendered' || m.type === 'error'),
      start,
      { timeout: 30000 },
    );
  } catch {
    settled = false;
  }
  await page.waitForTimeout(500); // effects, data loads, animations
  const messages = await page.evaluate((from) => window.__playground.messages.slice(from), start);
  const root = await frame().evaluate(() => {
    const element = document.getElementById('root');
    return {
      text: element.innerText.slice(0, 3000),
      drawn: element.querySelectorAll('svg, canvas, img').length,
      elements: element.querySelectorAll('*').length,
    };
  });
  const buildError = messages.find((m) => m.type === 'error' && m.kind === 'build error');
  out[app.name] = {
    settled,
    rendered: messages.some((m) => m.type === 'rendered'),
    errors: messages
      .filter((m) => m.type === 'error' || (m.type === 'console' && m.level === 'error'))
      .map(
        (m) =>
          `${m.kind || 'console'}: ${m.code ? `[${m.code}] ` : ''}${m.message || m.args.join(' ')}`,
      ),
    buildError: buildError ? buildError.code : null,
    notes: messages
      .filter((m) => m.type === 'console' && (m.level === 'info' || m.level === 'warn'))
      .map((m) => m.args.join(' ')),
    ...root,
  };
}

console.log(JSON.stringify(out));
await browser.close();
