// Builds the same category entries as `appbundle build-deps` with esbuild, with the same
// options (IIFE on AppDependencies.<category>, minified, production, no legal comments, React
// from core, split icon sets sharing react-icons from the icons bundle), and prints per category
// our bundling time / esbuild's and our gzip size / esbuild's.
//
// usage: node esbuild-compare.mjs <build-deps --report JSON> [runs]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';

const [reportPath, runsArg] = process.argv.slice(2);
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const runs = Number(runsArg || 3);
const npmRoot = report.npm_root;
if (!npmRoot) throw new Error('the report has no npm_root: build-deps rebuilt nothing');

const FROM_CORE = ['react', 'react/jsx-runtime', 'react/jsx-dev-runtime', 'react-dom', 'react-dom/client'];

function shared(category, splitFrom) {
  return {
    name: 'appbundle-shared',
    setup(build) {
      if (category !== 'core') {
        const filter = new RegExp('^(' + FROM_CORE.map((s) => s.replace(/[/.]/g, '\\$&')).join('|') + ')$');
        build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'core' }));
        build.onLoad({ filter: /.*/, namespace: 'core' }, (args) => ({
          contents: `module.exports = AppDependencies.core[${JSON.stringify(args.path)}];`,
          loader: 'js',
        }));
      }
      if (splitFrom) {
        const marker = `node_modules/${splitFrom.package}/${splitFrom.subpath}/`;
        build.onResolve({ filter: /^\.\.\// }, (args) =>
          args.importer.includes(marker) ? { path: splitFrom.package, namespace: 'parent' } : undefined,
        );
        build.onLoad({ filter: /.*/, namespace: 'parent' }, (args) => ({
          contents: `module.exports = AppDependencies.${splitFrom.bundle}[${JSON.stringify(args.path)}];`,
          loader: 'js',
        }));
      }
    },
  };
}

// icons_fa → react-icons/fa shares react-icons from icons (mirrors allowlist split_subpaths).
function splitFromOf(category, specifiers) {
  const m = /^(.+)_([a-z0-9]+)$/.exec(category);
  if (!m || specifiers.length !== 1) return null;
  const [pkg, subpath] = [specifiers[0].slice(0, specifiers[0].lastIndexOf('/')), specifiers[0].split('/').pop()];
  return { package: pkg, subpath, bundle: m[1] };
}

async function esbuildOnce(category, specifiers) {
  const started = performance.now();
  const result = await esbuild.build({
    entryPoints: [`${npmRoot}/entries/${category}.js`],
    absWorkingDir: npmRoot,
    outfile: `${npmRoot}/esbuild-out/${category}.js`, // not written (write: false); names the map
    bundle: true,
    write: false,
    format: 'iife',
    globalName: `AppDependencies.${category}`,
    platform: 'browser',
    minify: true,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    sourcemap: 'external',
    logLevel: 'silent',
    plugins: [shared(category, splitFromOf(category, specifiers))],
  });
  const ms = performance.now() - started;
  const code = result.outputFiles.find((f) => f.path.endsWith('.js')).contents;
  return { ms, gzip: gzipSync(code, { level: 9 }).length };
}

const rows = [];
for (const c of report.categories) {
  if (!c.rebuilt) continue;
  // Ours is one cold build per category (one process builds them all in turn); esbuild's first
  // run is as cold, its best of `runs` is warm.
  let first = null;
  let best = null;
  for (let i = 0; i < runs; i++) {
    const r = await esbuildOnce(c.category, c.bundle.specifiers);
    if (!first) first = r;
    if (!best || r.ms < best.ms) best = r;
  }
  const oursMs = c.bundling.secs * 1000 + c.bundling.nanos / 1e6;
  rows.push({ category: c.category, oursMs, esFirstMs: first.ms, esMs: best.ms, oursGzip: c.bundle.gzip_bytes, esGzip: best.gzip });
}

const pad = (s, n) => String(s).padStart(n);
console.log(`${'category'.padEnd(12)} ${pad('ours ms', 8)} ${pad('esb 1st ms', 11)} ${pad('x 1st', 6)} ${pad('esb best ms', 12)} ${pad('x best', 7)} ${pad('ours gz KB', 11)} ${pad('esb gz KB', 10)} ${pad('size x', 7)}`);
const t = { ours: 0, first: 0, best: 0, gOurs: 0, gEs: 0 };
const line = (name, ours, first, best, gOurs, gEs) =>
  console.log(`${name.padEnd(12)} ${pad(ours.toFixed(0), 8)} ${pad(first.toFixed(0), 11)} ${pad((ours / first).toFixed(2), 6)} ${pad(best.toFixed(0), 12)} ${pad((ours / best).toFixed(2), 7)} ${pad((gOurs / 1024).toFixed(1), 11)} ${pad((gEs / 1024).toFixed(1), 10)} ${pad((gOurs / gEs).toFixed(3), 7)}`);
for (const r of rows) {
  t.ours += r.oursMs; t.first += r.esFirstMs; t.best += r.esMs; t.gOurs += r.oursGzip; t.gEs += r.esGzip;
  line(r.category, r.oursMs, r.esFirstMs, r.esMs, r.oursGzip, r.esGzip);
}
line('all', t.ours, t.first, t.best, t.gOurs, t.gEs);
