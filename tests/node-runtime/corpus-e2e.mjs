// Renders every app of the corpus in the sandboxed preview, one after another in one page as a
// user of an app builder would, and prints what each did as one JSON object for tests/corpus.rs.
// Usage: node corpus-e2e.mjs <host base> <preview base> <apps JSON: [{ name, dir }]>
import { launch, loadApp, openPlayground, readApp } from './harness.mjs';

const [hostBase, previewBase, appsJson] = process.argv.slice(2);
const apps = JSON.parse(appsJson);

// WebGL on, as a user's browser has it: generated apps may draw on a canvas.
const browser = await launch({ webgl: true });
const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
const frame = await openPlayground(page, hostBase, previewBase);

const out = {};
for (const app of apps) {
  // Effects, data loads and animations get half a second.
  const { messages, settled } = await loadApp(page, readApp(app.dir), { settle: 500 });
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
