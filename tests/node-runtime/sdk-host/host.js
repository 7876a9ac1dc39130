// A React host page that embeds an app with the SDK's <AppPreview> and answers its storage
// calls from a store of its own; what happened is on window.__host for the test.
import { AppPreview } from '@appbundle/preview/react';
import { createElement, useState } from 'react';

const { service, files } = window.__config;
const store = { notes: [{ id: 'seed', text: 'Seeded by the host' }] };
const host = { calls: [], rendered: [], errors: [], store };
window.__host = host;

function storage(call) {
  host.calls.push(`${call.op} ${call.collection} (${call.scope})`);
  store[call.collection] ??= [];
  const items = store[call.collection];
  if (call.op === 'list') return items.slice();
  if (call.op === 'create') {
    const item = { ...call.args[0], id: `n${items.length + 1}` };
    items.push(item);
    return item;
  }
  throw new Error(`this host does not ${call.op}`);
}

function Host() {
  const [height, setHeight] = useState(0);
  return createElement(
    'section',
    null,
    createElement('h1', null, 'Host product'),
    createElement(AppPreview, {
      service,
      files,
      storage,
      autoHeight: true,
      title: 'Notes app',
      style: { width: '480px', border: '1px solid #ccc' },
      onRendered: (message) => host.rendered.push(message),
      onError: (message) => host.errors.push(message.message),
      onResize: (message) => setHeight(message.height),
    }),
    createElement('p', { id: 'height' }, `preview height: ${height}`),
  );
}

window.AppDependencies.core['react-dom/client']
  .createRoot(document.getElementById('host'))
  .render(createElement(Host));
