// What the browser tests share: Debian's Chromium started as this machine allows, the
// playground page with its sandboxed preview ready, an app folder read into the `files` map the
// bridge sends, and one load of an app with the messages it caused.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chromium } from 'playwright-core';

/** The app in `dir` as `{ path: text }`, without snapshots and fixture options. */
export function readApp(dir) {
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

const BINARY = /\.(png|jpe?g|gif|webp|avif|ico|bmp|woff2?|ttf|otf)$/i;

/** The app in `dir` as the `files` of a load: text files as text, images and fonts as
 * `{ content, encoding: 'base64' }`. */
export function readAppWithAssets(dir) {
  const files = readApp(dir);
  for (const path of Object.keys(files)) {
    if (BINARY.test(path))
      files[path] = {
        content: readFileSync(join(dir, path)).toString('base64'),
        encoding: 'base64',
      };
  }
  return files;
}

/** Chromium headless; `webgl` gives it SwiftShader's software GPU instead of no GPU. */
export function launch({ webgl = false } = {}) {
  return chromium.launch({
    executablePath: process.env.APPBUNDLE_CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      ...(webgl ? ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'] : ['--disable-gpu']),
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Opens the playground on `hostBase` with the preview of `previewBase`, waits for the
 * preview's first render, and returns a getter of the preview's frame. */
export async function openPlayground(page, hostBase, previewBase) {
  const preview = `${previewBase}/preview`;
  await page.goto(`${hostBase}/?preview=${encodeURIComponent(preview)}`);
  await page.waitForFunction(
    () => window.__playground.messages.some((m) => m.type === 'rendered'),
    null,
    { timeout: 30000 },
  );
  return () => page.frames().find((f) => f.url().startsWith(preview));
}

/** Loads `files` in the preview and waits for a `wait` message (or an error, when waiting for
 * `rendered`), then `settle` ms for effects; returns the messages of this load, and whether the
 * awaited one came before `timeout`. */
export async function loadApp(
  page,
  files,
  { wait = 'rendered', timeout = 30000, settle = 400 } = {},
) {
  const start = await page.evaluate(() => window.__playground.messages.length);
  await page.evaluate((f) => window.__playground.load(f), files);
  let settled = true;
  try {
    await page.waitForFunction(
      ([from, wait]) =>
        window.__playground.messages
          .slice(from)
          .some((m) => m.type === wait || (wait === 'rendered' && m.type === 'error')),
      [start, wait],
      { timeout },
    );
  } catch {
    settled = false;
  }
  if (settle) await page.waitForTimeout(settle);
  const messages = await page.evaluate((from) => window.__playground.messages.slice(from), start);
  return { messages, settled };
}
