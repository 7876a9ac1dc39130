// What a typical app transfers: each app (a bundler fixture folder) is posted to the running
// server's /bundle; its size is the gzip (and brotli) of the dependency bundles the answer lists,
// from manifest.json, plus the app's own script as /bundle serves it, compressed here.
//   usage: node transfer.mjs <base url> <fixtures dir> <app>...
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const [base, fixtures, ...apps] = process.argv.slice(2);
const manifest = await (await fetch(`${base}/runtime-deps/manifest.json`)).json();
const kb = (bytes) => `${Math.round(bytes / 1024)} KB`;

function readApp(dir, files = {}, root = dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) readApp(path, files, root);
    // The case's snapshot and bundler options are not app files.
    else if (!name.startsWith('output.snap') && name !== 'options.json')
      files[relative(root, path)] = readFileSync(path, 'utf8');
  }
  return files;
}

console.log('| app | bundles | app script gzip | total gzip | total brotli |');
console.log('| --- | --- | --- | --- | --- |');
for (const app of apps) {
  const response = await fetch(`${base}/bundle`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ files: readApp(join(fixtures, app)) }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`${app}: ${response.status} ${JSON.stringify(body)}`);
  const categories = body.bundles.map((b) => b.category);
  const script = Buffer.from(body.code);
  const appGzip = gzipSync(script, { level: 9 }).length;
  const appBrotli = brotliCompressSync(script, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
  const deps = categories.map((c) => manifest.bundles[c]);
  const gzip = deps.reduce((sum, b) => sum + b.gzip_bytes, appGzip);
  const brotli = deps.reduce((sum, b) => sum + b.brotli_bytes, appBrotli);
  console.log(
    `| ${app} | ${categories.join(', ')} | ${kb(appGzip)} | ${kb(gzip)} | ${kb(brotli)} |`,
  );
}
