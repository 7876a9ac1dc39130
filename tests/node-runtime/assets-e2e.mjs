// An app's images, fonts and SVGs in the preview, in Debian's Chromium: a PNG imported for its
// URL, a font named by the app's CSS, an SVG imported as a component; and an asset over the
// limit. Prints one JSON object of observations; tests/preview_assets.rs asserts.
// Usage: node assets-e2e.mjs <host base> <preview base> <app dir>
import { launch, loadApp, openPlayground, readAppWithAssets } from './harness.mjs';

const [hostBase, previewBase, appDir] = process.argv.slice(2);
const browser = await launch();
const page = await browser.newPage();
const frame = await openPlayground(page, hostBase, previewBase);
const files = readAppWithAssets(appDir);
// The SVG as a data URL, the other form a host may send.
files['assets/logo.svg'] = `data:image/svg+xml,${encodeURIComponent(files['assets/logo.svg'])}`;

const { messages } = await loadApp(page, files, { settle: 200 });
const f = frame();
await f.evaluate(() => document.fonts.ready);
await f.waitForFunction(() => document.querySelector('[data-testid=badge]')?.complete);
const out = {
  rendered: messages.some((m) => m.type === 'rendered'),
  errors: messages
    .filter((m) => m.type === 'error' || (m.type === 'console' && m.level === 'error'))
    .map((m) => m.message || m.args.join(' ')),
  ...(await f.evaluate(() => {
    const img = document.querySelector('[data-testid=badge]');
    const logo = document.querySelector('[data-testid=logo]');
    const title = document.querySelector('[data-testid=title]');
    const face = [...document.fonts].find((font) => font.family.includes('Ledger Blocks'));
    const path = logo?.querySelector('path');
    return {
      image: { src: img.getAttribute('src'), width: img.naturalWidth, height: img.naturalHeight },
      font: {
        status: face ? face.status : null,
        check: document.fonts.check('16px "Ledger Blocks"'),
        family: getComputedStyle(title).fontFamily,
        // Its glyphs are 0.9 em wide: "Ledger" at 24px is 6 × 21.6 px.
        width: Math.round(title.getBoundingClientRect().width),
      },
      svg: logo && {
        tag: logo.tagName.toLowerCase(),
        className: logo.getAttribute('class'),
        width: logo.getAttribute('width'),
        viewBox: logo.getAttribute('viewBox'),
        title: logo.querySelector('title')?.textContent ?? null,
        pathStroke: path ? getComputedStyle(path).stroke : null,
        color: getComputedStyle(logo).color,
        rectFill: getComputedStyle(logo.querySelector('rect')).fill,
        scripts: logo.querySelectorAll('script').length,
        handlers: [...logo.querySelectorAll('*')].filter((e) => e.hasAttribute('onclick')).length,
      },
      documentTitle: document.title,
    };
  })),
};
const response = await fetch(new URL(out.image.src, previewBase));
const served = {
  status: response.status,
  type: response.headers.get('content-type'),
  cache: response.headers.get('cache-control'),
  csp: response.headers.get('content-security-policy'),
};
out.served = served;

// An image over the per-asset limit gets its diagnostic, with the file.
const big = Buffer.alloc(600 * 1024, 7);
const oversized = await loadApp(
  page,
  {
    'App.tsx':
      "import hero from './hero.png';\nexport default function App() { return <img src={hero} alt='' />; }\n",
    'hero.png': { content: big.toString('base64'), encoding: 'base64' },
  },
  { wait: 'error' },
);
out.oversized = oversized.messages
  .filter((m) => m.type === 'error')
  .map((m) => ({ kind: m.kind, code: m.code, file: m.file, message: m.message }));
await browser.close();
console.log(JSON.stringify(out));
