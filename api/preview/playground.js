// The playground: a host page that embeds /preview in a sandboxed iframe through the host SDK
// (sdk/, served at /sdk/). `?preview=<url>` points it at a preview on another origin.
import { createPreview } from '/sdk/index.js';

const SAMPLE = [
  "import { useState } from 'react';",
  "import { Heart, Star } from 'lucide-react';",
  '',
  'export default function App() {',
  '  const [likes, setLikes] = useState(0);',
  '  return (',
  "    <main style={{ fontFamily: 'system-ui', padding: 24 }}>",
  '      <h1>Hello from generated TSX <Star size={20} /></h1>',
  '      <button onClick={() => setLikes(likes + 1)}>',
  '        <Heart size={16} /> {likes} likes',
  '      </button>',
  '    </main>',
  '  );',
  '}',
  '',
].join('\n');
const params = new URLSearchParams(location.search);
const previewPage = new URL(params.get('preview') || '/preview', location.href);
const service = previewPage.href.replace(/\/preview(\?.*)?$/, '');
const frame = document.getElementById('preview');
const source = document.getElementById('source');
const problems = document.getElementById('problems');
const status = document.getElementById('status');
const messages = [];

// The host side of useAppData: collections kept in this page (a product keeps them
// server-side, a visitor-scoped one per signed-in user).
const store = {};
function storage({ op, collection, args, scope }) {
  const key = `${scope || 'app'}:${collection}`;
  if (!store[key]) store[key] = [];
  const items = store[key];
  if (op === 'list') return items.slice();
  if (op === 'create') {
    const item = { ...args[0], id: args[0]?.id || String(Date.now()) + items.length };
    items.push(item);
    return item;
  }
  const index = items.findIndex((i) => i.id === args[0]);
  if (op === 'update') {
    if (index >= 0) items[index] = { ...items[index], ...args[1], id: args[0] };
    return items[index];
  }
  if (op === 'remove') {
    if (index >= 0) items.splice(index, 1);
    return null;
  }
  throw new Error(`unknown storage operation ${op}`);
}

const preview = createPreview(frame, {
  service,
  storage,
  // The playground proxies no HTTP: a product would forward it under its own policy.
  fetch: ({ url }) => ({
    status: 501,
    headers: { 'content-type': 'text/plain' },
    body: `the playground does not proxy ${url}`,
  }),
});
for (const event of ['rendered', 'error', 'console', 'resize']) {
  preview.on(event, (message) => messages.push(message));
}
preview.on('rendered', (message) => {
  status.textContent = `rendered in ${message.ms} ms`;
});
preview.on('error', (message) => {
  const item = document.createElement('li');
  const where = message.file ? `${message.file}:${message.line}:${message.column} ` : '';
  item.textContent = where + message.message;
  problems.appendChild(item);
  status.textContent = message.kind;
});

// `extra`: load options (`partial: true` for a streamed version).
function load(files, extra) {
  problems.replaceChildren();
  status.textContent = 'bundling…';
  preview.load(files, extra);
}
document.getElementById('run').addEventListener('click', () => {
  load({ 'App.tsx': source.value });
});
source.value = SAMPLE;
// For tests and scripts: window.__playground.load({ 'App.tsx': '…' }) and the messages seen.
window.__playground = { load, messages, store };
load({ 'App.tsx': SAMPLE });
