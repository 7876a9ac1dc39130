// Two published apps on origins of their own (`<id>.apps.localhost`, which Chromium resolves to
// loopback), seen from app A's page in Debian's Chromium:
// - A's own useAppData works (a shared note and a visitor-scoped draft);
// - A's script cannot read or write B's data (fetch and a no-cors POST), nor see B's storage;
// - a visitor-scoped item written in one browser context is not visible in another, while the
//   shared item is.
// Usage: node isolation-e2e.mjs <app A url> <app B url>; prints what it observed as JSON.
import { launch } from './harness.mjs';

const [urlA, urlB] = process.argv.slice(2);
const browser = await launch();
const errors = [];

async function openApp(context, url) {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${url}: ${e}`));
  await page.goto(url);
  await page.waitForSelector('#loaded:has-text("ready")', { timeout: 45000 });
  return page;
}
const texts = (page, list) => page.$$eval(`#${list} li`, (lis) => lis.map((li) => li.textContent));

const first = await browser.newContext();
const pageA = await openApp(first, urlA);
// A's own data, through its own origin.
await pageA.click('#add-note');
await pageA.waitForSelector('#notes li');
await pageA.click('#add-draft');
await pageA.waitForSelector('#drafts li');
const ownNotes = await texts(pageA, 'notes');
const ownDrafts = await texts(pageA, 'drafts');

// From A's page, at B: a read, a write as JSON, and a "simple" no-cors write (no preflight).
// The page's CSP reports each refusal as a violation of its connect-src.
const crossOrigin = await pageA.evaluate(async (b) => {
  const violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    violations.push(`${e.effectiveDirective} ${e.blockedURI}`),
  );
  const attempt = async (label, run) => {
    try {
      const response = await run();
      return { label, outcome: `answered ${response.status} (${response.type})` };
    } catch (e) {
      return { label, outcome: `refused: ${e.message}` };
    }
  };
  const target = new URL('api/data/notes', b).href;
  const attempts = [
    await attempt('read', () => fetch(target)),
    await attempt('write', () =>
      fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'written by app A' }),
      }),
    ),
    await attempt('no-cors write', () =>
      fetch(target, { method: 'POST', mode: 'no-cors', body: '{"text":"no-cors from A"}' }),
    ),
  ];
  await new Promise((resolve) => setTimeout(resolve, 100)); // violation events are queued
  return { attempts, violations };
}, urlB);
await pageA.evaluate(() => localStorage.setItem('secret', 'kept by app A'));

// B, in the same browser context: its storage and data are its own.
const pageB = await openApp(first, urlB);
const storageB = await pageB.evaluate(() => localStorage.getItem('secret'));
const notesB = await texts(pageB, 'notes');

// A second visitor (another context: other cookies) sees the shared note, not the draft.
const second = await browser.newContext();
const otherA = await openApp(second, urlA);
const otherNotes = await texts(otherA, 'notes');
const otherDrafts = await texts(otherA, 'drafts');
// And the first visitor, coming back, still has theirs.
await pageA.reload();
await pageA.waitForSelector('#loaded:has-text("ready")');
const draftsAgain = await texts(pageA, 'drafts');
const cookies = (await first.cookies(urlA)).map((c) => ({
  name: c.name,
  httpOnly: c.httpOnly,
  sameSite: c.sameSite,
}));

console.log(
  JSON.stringify({
    ownNotes,
    ownDrafts,
    crossOrigin,
    storageB,
    notesB,
    otherNotes,
    otherDrafts,
    draftsAgain,
    cookies,
    errors,
  }),
);
await browser.close();
