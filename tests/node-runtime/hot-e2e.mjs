// React Fast Refresh and streamed versions in the preview, in Debian's Chromium: the playground
// (host page) edits an app while it is in use, then streams a 300-line app as partial loads.
// Prints one JSON object of observations; tests/preview_hot.rs asserts.
// Usage: node hot-e2e.mjs <host base> <preview base> <counter app dir> <streamed app dir>
import { launch, loadApp, openPlayground, readApp } from './harness.mjs';

const [hostBase, previewBase, counterDir, streamedDir] = process.argv.slice(2);
const browser = await launch();
const page = await browser.newPage();
const frame = await openPlayground(page, hostBase, previewBase);
const out = { edits: {}, stream: {} };

const problems = (messages) =>
  messages
    .filter((m) => m.type === 'error' || (m.type === 'console' && m.level === 'error'))
    .map((m) => m.message || m.args.join(' '));

// --- edits while the app is in use ----------------------------------------------------------
let files = readApp(counterDir);
function edit(path, from, to) {
  if (!files[path].includes(from)) throw new Error(`${path} has no ${JSON.stringify(from)}`);
  files = { ...files, [path]: files[path].replace(from, to) };
  return files;
}
async function observe(name, messages) {
  const rendered = messages.find((m) => m.type === 'rendered');
  const f = frame();
  out.edits[name] = {
    rendered: !!rendered,
    refresh: rendered ? rendered.refresh : null,
    reason: rendered?.reason ?? null,
    errors: problems(messages),
    label: await f.getByTestId('label').innerText(),
    count: await f.getByTestId('count').innerText(),
    theme: await f.getByTestId('theme').innerText(),
  };
}
async function load(name, next) {
  const { messages, settled } = await loadApp(page, next);
  if (!settled) throw new Error(`${name}: no rendered message: ${JSON.stringify(messages)}`);
  await observe(name, messages);
}

await load('first', files);
for (let i = 0; i < 3; i++) await frame().getByTestId('add').click();
await frame().getByTestId('theme').click();
await observe('used', []);
await load('label', edit('components/Counter.tsx', 'Glasses of water', 'Cups of tea'));
await load('value', edit('lib/settings.ts', "UNIT = 'today'", "UNIT = 'so far'"));
await load(
  'hook',
  edit(
    'components/Counter.tsx',
    '  const { theme } = useTheme();',
    '  const { theme } = useTheme();\n  const [goal] = useState(8);',
  ),
);
await frame().getByTestId('add').click();
await load(
  'mixed',
  edit(
    'components/Counter.tsx',
    'export function Counter',
    'export const GOAL = 8;\n\nexport function Counter',
  ),
);

// --- a 300-line app streamed in 40 partial loads ---------------------------------------------
const streamed = readApp(streamedDir);
// A model writes the files one after another: the helpers, the table, then the entry.
const order = Object.keys(streamed).sort((a, b) => rank(a) - rank(b));
function rank(path) {
  return path.startsWith('lib/') ? 0 : path.startsWith('components/') ? 1 : 2;
}
const total = order.reduce((n, path) => n + streamed[path].length, 0);
function prefix(chars) {
  const version = {};
  let left = chars;
  for (const path of order) {
    if (left <= 0) break;
    version[path] = streamed[path].slice(0, left);
    left -= streamed[path].length;
  }
  return version;
}

// Every animation frame of the preview: is there an app on screen (the last good render, or its
// copy while a partial version is tried), an error overlay, the "updating" badge?
await frame().evaluate(() => {
  const seen = { frames: 0, empty: 0, overlay: 0, updating: 0, emptyAt: [] };
  window.__frames = seen;
  const visible = () => {
    const root = document.getElementById('root');
    const copy = document.getElementById('appbundle-snapshot');
    const shown = (el) => el && el.style.display !== 'none' && el.innerText.trim().length > 0;
    return shown(root) || shown(copy);
  };
  (function tick() {
    if (seen.stopped) return;
    seen.frames++;
    if (!visible()) {
      seen.empty++;
      if (seen.emptyAt.length < 5) seen.emptyAt.push(seen.frames);
    }
    if (document.getElementById('appbundle-overlay')) seen.overlay++;
    if (document.getElementById('appbundle-updating')) seen.updating++;
    requestAnimationFrame(tick);
  })();
});
const start = await page.evaluate(() => window.__playground.messages.length);
const CHUNKS = 40;
// Chunks end at line ends, as a model's output arrives in lines of tokens.
const all = order.map((path) => streamed[path]).join('');
for (let k = 1; k <= CHUNKS; k++) {
  const target = Math.floor((total * k) / CHUNKS);
  const cut = k === CHUNKS ? total : all.lastIndexOf('\n', target - 1) + 1;
  await page.evaluate((f) => window.__playground.load(f, { partial: true }), prefix(cut));
  await page.waitForTimeout(60);
}
// The host sends the final version when the model's answer ends, a moment after its last chunk.
await page.waitForTimeout(500);
const beforeFinal = await page.evaluate((from) => window.__playground.messages.slice(from), start);
const overlayBeforeFinal = await frame().evaluate(() => window.__frames.overlay);
const finalFrom = await page.evaluate(() => window.__playground.messages.length);
await page.evaluate((f) => window.__playground.load(f), streamed);
await page.waitForFunction(
  (from) =>
    window.__playground.messages
      .slice(from)
      .some((m) => (m.type === 'rendered' && !m.partial) || m.type === 'error'),
  finalFrom,
  { timeout: 30000 },
);
await page.waitForTimeout(300);
const frames = await frame().evaluate(() => {
  window.__frames.stopped = true;
  return window.__frames;
});
const afterFinal = await page.evaluate(
  (from) => window.__playground.messages.slice(from),
  finalFrom,
);
out.stream = {
  chunks: CHUNKS,
  lines: order.reduce((n, path) => n + streamed[path].split('\n').length - 1, 0),
  frames,
  overlayBeforeFinal,
  errorsBeforeFinal: problems(beforeFinal),
  partialRenders: beforeFinal.filter((m) => m.type === 'rendered').length,
  final: afterFinal.find((m) => m.type === 'rendered') || null,
  finalErrors: problems(afterFinal),
  updatingAfterFinal: await frame().evaluate(() => !!document.getElementById('appbundle-updating')),
  html: await frame().evaluate(() => document.getElementById('root').innerHTML),
};

// A bundle made without `refresh` (production React) cannot share the page with the refresh
// build: the preview reloads itself with `?hash=` and the host's capabilities, and renders it.
const plain = await (
  await fetch(`${previewBase}/bundle`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      files: { 'App.tsx': 'export default () => <p id="plain">production build</p>;\n' },
    }),
  })
).json();
const reloadFrom = await page.evaluate(() => window.__playground.messages.length);
await page.evaluate(
  (hash) =>
    document
      .getElementById('preview')
      .contentWindow.postMessage(
        { source: 'appbundle-preview', version: 1, type: 'load', hash, capabilities: ['storage'] },
        '*',
      ),
  plain.hash,
);
await page.waitForFunction(
  (from) => window.__playground.messages.slice(from).some((m) => m.type === 'rendered'),
  reloadFrom,
  { timeout: 30000 },
);
out.reload = {
  url: new URL(frame().url()).searchParams.toString(),
  text: await frame().evaluate(() => document.getElementById('plain')?.textContent ?? null),
  core: await frame().evaluate(() =>
    [...document.scripts]
      .map((s) => s.src.split('/').pop())
      .filter((name) => name.startsWith('core')),
  ),
  hash: plain.hash,
};

// The same app loaded directly, in a page of its own.
const direct = await browser.newPage();
const directFrame = await openPlayground(direct, hostBase, previewBase);
const { messages } = await loadApp(direct, streamed);
out.direct = {
  rendered: messages.some((m) => m.type === 'rendered'),
  html: await directFrame().evaluate(() => document.getElementById('root').innerHTML),
};
await browser.close();
console.log(JSON.stringify(out));
