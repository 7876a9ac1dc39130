// Renders a three.js app in the sandboxed preview with WebGL on SwiftShader (headless Chromium's
// software GPU) and samples its canvas: prints one JSON object for tests/preview_3d.rs.
// Usage: node webgl-e2e.mjs <host base> <preview base> <app dir>
import { launch, loadApp, openPlayground, readApp } from './harness.mjs';

const [hostBase, previewBase, appDir] = process.argv.slice(2);

const browser = await launch({ webgl: true });
const page = await browser.newPage();
const frame = await openPlayground(page, hostBase, previewBase);
const { messages } = await loadApp(page, readApp(appDir), { timeout: 60000, settle: 0 });
const out = {
  rendered: messages.some((m) => m.type === 'rendered'),
  errors: messages
    .filter((m) => m.type === 'error' || (m.type === 'console' && m.level === 'error'))
    .map((m) => m.message || m.args.join(' ')),
};

if (out.rendered) {
  await frame().waitForFunction(() => /Frames: [1-9]\d/.test(document.body.innerText), null, {
    timeout: 30000,
  });
  // The canvas' pixels: the center (the cube), a corner (the background), and a digest of the
  // whole picture, twice, some frames apart.
  const sample = () =>
    frame().evaluate(() => {
      const canvas = document.querySelector('canvas');
      const copy = document.createElement('canvas');
      copy.width = 64;
      copy.height = 64;
      const context = copy.getContext('2d');
      context.drawImage(canvas, 0, 0, 64, 64);
      const pixels = context.getImageData(0, 0, 64, 64).data;
      const at = (x, y) => Array.from(pixels.slice((y * 64 + x) * 4, (y * 64 + x) * 4 + 3));
      let digest = 0;
      for (let i = 0; i < pixels.length; i++) digest = (digest * 31 + pixels[i]) >>> 0;
      return {
        webgl: !!(canvas.getContext('webgl2') || canvas.getContext('webgl')),
        center: at(32, 32),
        corner: at(1, 1),
        digest,
        frames: document.querySelector('[data-testid=frames]').textContent,
      };
    });
  out.first = await sample();
  await page.waitForTimeout(500);
  out.second = await sample();
}

console.log(JSON.stringify(out));
await browser.close();
