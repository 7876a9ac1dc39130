// The host SDK's React component in Debian's Chromium: a host page on its own origin (served
// here) renders <AppPreview> with an app that uses useAppData, and answers its storage calls.
// Prints one JSON object of observations; tests/preview_sdk.rs asserts.
// Usage: node sdk-e2e.mjs <service base> <app dir>
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { launch, readApp } from './harness.mjs';

const [service, appDir] = process.argv.slice(2);
const here = new URL('./sdk-host/', import.meta.url).pathname;
const manifest = await (await fetch(`${service}/runtime-deps/manifest.json`)).json();
const core = manifest.bundles.core.file;
const page = `<!doctype html>
<html><head><meta charset="utf-8"><title>host</title>
<script src="${service}/runtime-deps/${core}"></script>
<script type="importmap">${JSON.stringify({
  imports: { react: '/react.js', '@appbundle/preview/react': `${service}/sdk/react.js` },
})}</script>
<script src="/config.js"></script>
<script type="module" src="/host.js"></script>
</head><body><div id="host"></div></body></html>`;
const config = `window.__config = ${JSON.stringify({ service, files: readApp(appDir) })};`;
const server = createServer((request, response) => {
  const path = new URL(request.url, 'http://host').pathname;
  const js = (body) => {
    response.writeHead(200, { 'content-type': 'text/javascript' });
    response.end(body);
  };
  if (path === '/') {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(page);
  } else if (path === '/config.js') js(config);
  else if (path === '/react.js' || path === '/host.js') js(readFileSync(join(here, path)));
  else {
    response.writeHead(404);
    response.end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const hostBase = `http://localhost:${server.address().port}`;

const browser = await launch();
const tab = await browser.newPage();
const pageErrors = [];
tab.on('pageerror', (error) => pageErrors.push(error.message));
await tab.goto(hostBase);
await tab.waitForFunction(() => window.__host && window.__host.rendered.length > 0, null, {
  timeout: 30000,
});
const frame = () => tab.frames().find((f) => f.url().startsWith(`${service}/preview`));
await frame().getByText('Seeded by the host').waitFor({ timeout: 10000 });
const before = await frame().getByTestId('notes').innerText();
await frame().getByLabel('New note').fill('Written in the preview');
await frame().getByRole('button', { name: 'Add note' }).click();
await frame().getByText('Written in the preview').waitFor({ timeout: 10000 });
const iframe = await tab.evaluate(() => {
  const element = document.querySelector('iframe');
  return {
    sandbox: element.getAttribute('sandbox'),
    title: element.title,
    height: element.style.height,
  };
});
const out = {
  rendered: await tab.evaluate(() => window.__host.rendered.map((m) => ({ refresh: m.refresh }))),
  errors: await tab.evaluate(() => window.__host.errors),
  pageErrors,
  before,
  after: await frame().getByTestId('notes').innerText(),
  calls: await tab.evaluate(() => window.__host.calls),
  store: await tab.evaluate(() => window.__host.store.notes.map((n) => n.text)),
  iframe,
  heightText: await tab.locator('#height').innerText(),
  frameOrigin: await frame().evaluate(() => self.origin),
};
await browser.close();
server.close();
console.log(JSON.stringify(out));
