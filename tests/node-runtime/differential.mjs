// Differential execution: each app bundled by appbundle (its bundle is given) and by esbuild
// (here, from the same files, under the same contract: relative and app `@/` imports among the
// files, every package and kit module read from `window.AppDependencies[category][specifier]`),
// both run in a fresh jsdom window against the same real packages (the deps-builder's npm
// install, and the kit's sources), with the clock and Math.random fixed; the default export is
// server-rendered by real React and the two HTMLs compared.
// Usage: node differential.mjs <cases.json>, where cases.json is
//   {"npmDir", "manifest", "kitDir", "runtimeFile", "cases": [{"name", "dir", "bundle"}]}
// Prints one JSON line per case: {"name", "ours", "esbuild", "oursError", "esbuildError"}.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { JSDOM, VirtualConsole } from 'jsdom';
// The bench peers' path resolution among a files map: the same contract.
import { join } from '../../api/bench/peers/files-plugin.mjs';

const {
  npmDir,
  manifest: manifestPath,
  kitDir,
  runtimeFile,
  cases,
} = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const packages = JSON.parse(readFileSync(manifestPath, 'utf8')).packages;
const nodeModules = path.join(npmDir, 'node_modules');
const EXTENSIONS = ['', '.tsx', '.ts', '.jsx', '.js', '/index.tsx', '/index.ts', '/index.js'];
// The allowlist's aliases: a package served by another with the same API.
const ALIASES = [['lodash', 'lodash-es']];

function filesOf(dir, prefix = '') {
  const files = {};
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const relative = prefix + name;
    if (statSync(full).isDirectory()) Object.assign(files, filesOf(full, `${relative}/`));
    else if (/\.(tsx|ts|jsx|js|mjs|json|css)$/.test(name))
      files[relative] = readFileSync(full, 'utf8');
  }
  return files;
}

/** The registered specifier an import names, after the aliases (`lodash/debounce` is lodash-es's). */
function registered(specifier) {
  if (specifier in packages) return { specifier };
  for (const [from, to] of ALIASES) {
    if (specifier === from) return { specifier: to };
    if (specifier.startsWith(`${from}/`)) {
      const name = specifier.slice(from.length + 1).replace(/\.js$/, '');
      return { specifier: to, member: name };
    }
  }
  return null;
}

/** The app's files under the seed's contract, for esbuild. */
function appPlugin(files, used) {
  const find = (base) => EXTENSIONS.map((ext) => base + ext).find((p) => p in files);
  return {
    name: 'app-files',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return { path: args.path, namespace: 'app' };
        if (args.path.startsWith('.')) {
          const dir = args.importer.includes('/') ? args.importer.replace(/\/[^/]*$/, '') : '';
          const joined = join(dir, args.path);
          const found = find(joined);
          if (found) return { path: found, namespace: 'app' };
          // A kit path written relative (`./components/ui/table`) is the kit module.
          const kit = joined.match(/(?:^|\/)((?:components\/ui|lib|hooks)\/[\w-]+)$/);
          const target = kit && registered(`@/${kit[1]}`);
          if (!target)
            return { errors: [{ text: `cannot resolve ${args.path} from ${args.importer}` }] };
          used.add(target.specifier);
          return { path: `@/${kit[1]}`, namespace: 'dependency', pluginData: target };
        }
        if (args.path.startsWith('@/')) {
          const found = find(args.path.slice(2));
          if (found) return { path: found, namespace: 'app' };
        }
        const target = registered(args.path);
        if (!target) return { errors: [{ text: `${args.path} is not in the manifest` }] };
        used.add(target.specifier);
        return { path: args.path, namespace: 'dependency', pluginData: target };
      });
      build.onLoad({ filter: /.*/, namespace: 'app' }, (args) => {
        const ext = args.path.split('.').pop();
        // Stylesheets do not change the markup.
        if (ext === 'css') return { contents: '', loader: 'js' };
        return { contents: files[args.path], loader: ext === 'mjs' ? 'js' : ext };
      });
      build.onLoad({ filter: /.*/, namespace: 'dependency' }, (args) => {
        const { specifier, member } = args.pluginData;
        const { category, exports = [] } = packages[specifier];
        const ns = `window.AppDependencies[${JSON.stringify(category)}][${JSON.stringify(specifier)}]`;
        if (member)
          return { contents: `export default ${ns}[${JSON.stringify(member)}];`, loader: 'js' };
        const names = exports.filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));
        const lines = [`const ns = ${ns};`, 'export default ns.default;'];
        // Through a local name: some exports are keywords (zod's `catch`).
        names.forEach((n, i) => {
          lines.push(`const e${i} = ns[${JSON.stringify(n)}];`, `export { e${i} as ${n} };`);
        });
        return { contents: lines.join('\n'), loader: 'js' };
      });
    },
  };
}

/** Resolves `@/…` inside the kit's own sources. */
const kitPlugin = {
  name: 'kit-sources',
  setup(build) {
    build.onResolve({ filter: /^@\// }, (args) => {
      const base = path.join(kitDir, args.path.slice(2));
      const found = EXTENSIONS.map((ext) => base + ext).find((p) => {
        try {
          return statSync(p).isFile();
        } catch {
          return false;
        }
      });
      return found ? { path: found } : undefined;
    });
  },
};

/** The real packages and kit modules `specifiers` name, registered on `window.AppDependencies`. */
async function provider(specifiers) {
  const lines = [
    "import * as __React from 'react';",
    "import { renderToStaticMarkup as __render } from 'react-dom/server';",
  ];
  const registry = {};
  [...specifiers].sort().forEach((specifier, i) => {
    const { package: pkg, category } = packages[specifier];
    // The built-in runtime module (useAppData, SandboxAPI) is the deps-builder's own source.
    const from = pkg === '@appbundle/runtime' ? runtimeFile : specifier;
    lines.push(`import * as m${i} from ${JSON.stringify(from)};`);
    registry[category] ??= [];
    registry[category].push(`${JSON.stringify(specifier)}: m${i}`);
  });
  const categories = Object.entries(registry).map(
    ([c, entries]) => `${JSON.stringify(c)}: {${entries.join(', ')}}`,
  );
  lines.push(`window.AppDependencies = {${categories.join(', ')}};`);
  // What a page of the apps has: the React globals of a script-tag page, and IndexedDB (the
  // preview's shim; jsdom has none).
  lines.push(
    "import * as __ReactDOM from 'react-dom';",
    "import * as __client from 'react-dom/client';",
  );
  lines.push('window.React = __React; window.ReactDOM = { ...__ReactDOM, ...__client };');
  if ('fake-indexeddb' in packages) {
    lines.push(
      "import * as __idb from 'fake-indexeddb';",
      "for (const k in __idb) if (k.startsWith('IDB') || k === 'indexedDB') window[k] = __idb[k];",
    );
  }
  lines.push('window.__render = (C) => __render(__React.createElement(C));');
  const built = await esbuild.build({
    stdin: { contents: lines.join('\n'), resolveDir: npmDir, loader: 'js' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    nodePaths: [nodeModules],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [kitPlugin],
    logLevel: 'silent',
  });
  return built.outputFiles[0].text;
}

const FIXED_NOW = Date.UTC(2026, 5, 15, 12, 0, 0);

/** A fresh window with the packages loaded and the clock and randomness fixed. */
function windowWith(providerCode) {
  const dom = new JSDOM(
    '<!doctype html><html><head></head><body><div id="root"></div></body></html>',
    {
      runScripts: 'outside-only',
      virtualConsole: new VirtualConsole(),
      url: 'https://app.example/',
      pretendToBeVisual: true,
    },
  );
  const { window } = dom;
  // What jsdom lacks and React's server renderer uses: Node's own.
  for (const name of [
    'MessageChannel',
    'TextEncoder',
    'TextDecoder',
    'ReadableStream',
    'structuredClone',
    'setImmediate',
  ]) {
    window[name] ??= globalThis[name];
  }
  window.eval(`(() => {
    const RealDate = Date;
    const now = ${FIXED_NOW};
    class FixedDate extends RealDate {
      constructor(...args) { super(...(args.length ? args : [now])); }
      static now() { return now; }
    }
    window.Date = FixedDate;
    let seed = 42;
    Math.random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    window.matchMedia ??= () => ({ matches: false, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {} });
    window.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} };
    window.IntersectionObserver ??= class { observe() {} unobserve() {} disconnect() {} };
  })()`);
  window.eval(providerCode);
  return window;
}

/** The markup of the app: its component server-rendered, or what it mounted itself. */
async function render(window, code, pick) {
  try {
    window.eval(code);
    const App = pick(window);
    if (typeof App === 'function' || (typeof App === 'object' && App)) {
      return { html: window.__render(App) };
    }
    // An app that mounts itself (createRoot, ReactDOM.render): what it put in #root.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const root = window.document.getElementById('root')?.innerHTML ?? '';
    return root ? { html: `<mounted>${root}</mounted>` } : { error: 'nothing to render' };
  } catch (e) {
    return { error: String(e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : e) };
  } finally {
    window.close();
  }
}

/** The markup with each element's attributes in name order: the same DOM compares equal. */
const normalizer = new JSDOM('').window;
function normalize(html) {
  const template = normalizer.document.createElement('template');
  template.innerHTML = html;
  for (const element of template.content.querySelectorAll('*')) {
    const attributes = [...element.attributes].map((a) => [a.name, a.value]).sort();
    for (const [name] of attributes) element.removeAttribute(name);
    for (const [name, value] of attributes) element.setAttribute(name, value);
  }
  return template.innerHTML;
}

for (const c of cases) {
  const files = filesOf(c.dir);
  const ours = readFileSync(c.bundle, 'utf8');
  const result = { name: c.name };
  try {
    const used = new Set();
    // Whatever our bundle reads, the provider registers too.
    for (const specifier of Object.keys(packages)) {
      if (ours.includes(JSON.stringify(specifier))) used.add(specifier);
    }
    // Our bundle says which file it took as the entry; esbuild starts there too.
    const probe = new JSDOM('', { runScripts: 'outside-only' }).window;
    probe.AppDependencies = new Proxy({}, { get: () => new Proxy({}, { get: () => ({}) }) });
    let entry = null;
    try {
      probe.eval(ours);
    } catch {}
    // The component the runtime mounts when the entry has no default export.
    const component = probe.AppBundle?.component;
    const pick = (exports) => exports?.default ?? (component ? exports?.[component] : undefined);
    entry =
      probe.AppBundle?.entry ?? Object.keys(files).find((f) => /^(App|index)\.(tsx|jsx)$/.test(f));
    // esbuild's build names the packages it needs (a failed build still names those it saw).
    await esbuild
      .build({
        entryPoints: [entry],
        bundle: true,
        write: false,
        platform: 'browser',
        jsx: 'automatic',
        plugins: [appPlugin(files, used)],
        logLevel: 'silent',
      })
      .catch(() => {});
    used.add('react').add('react/jsx-runtime');
    const providerCode = await provider([...used].filter((s) => s in packages));
    const a = await render(windowWith(providerCode), ours, (w) => pick(w.AppBundle?.exports));
    result.ours = a.html ?? null;
    result.oursError = a.error ?? null;
    const theirs = await esbuild
      .build({
        entryPoints: [entry],
        bundle: true,
        write: false,
        format: 'iife',
        globalName: '__esbuildApp',
        platform: 'browser',
        jsx: 'automatic',
        plugins: [appPlugin(files, new Set())],
        logLevel: 'silent',
      })
      .catch((e) => ({ error: `esbuild: ${e.message.split('\n').slice(0, 4).join(' | ')}` }));
    const b = theirs.error
      ? { error: theirs.error }
      : await render(windowWith(providerCode), theirs.outputFiles[0].text, (w) =>
          pick(w.__esbuildApp),
        );
    result.esbuild = b.html ?? null;
    result.esbuildError = b.error ?? null;
    result.equal = a.html != null && b.html != null && normalize(a.html) === normalize(b.html);
  } catch (e) {
    result.oursError ??= `harness: ${e.message}`;
  }
  console.log(JSON.stringify(result));
}
// Packages leave timers behind in the closed windows.
process.exit(0);
