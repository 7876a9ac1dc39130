// The playground: a host page that embeds /preview in a sandboxed iframe and drives it over the
// bridge (see /preview/runtime.js). `?preview=<url>` points it at a preview on another origin.
(function () {
  'use strict';
  var SAMPLE = [
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
  var params = new URLSearchParams(location.search);
  var previewUrl = new URL(params.get('preview') || '/preview', location.href);
  previewUrl.searchParams.set('hostOrigin', location.origin);
  var frame = document.getElementById('preview');
  var source = document.getElementById('source');
  var problems = document.getElementById('problems');
  var status = document.getElementById('status');
  var messages = [];
  // The host side of useAppData: collections kept in this page (a product keeps them
  // server-side, a visitor-scoped one per signed-in user).
  var store = {};
  function storage(op, collection, args, scope) {
    var key = (scope || 'app') + ':' + collection;
    if (!store[key]) store[key] = [];
    var items = store[key];
    if (op === 'list') return items.slice();
    if (op === 'create') {
      var item = Object.assign({}, args[0], {
        id: (args[0] && args[0].id) || String(Date.now()) + items.length,
      });
      items.push(item);
      return item;
    }
    var index = items.findIndex(function (i) {
      return i.id === args[0];
    });
    if (op === 'update') {
      if (index >= 0) items[index] = Object.assign({}, items[index], args[1], { id: args[0] });
      return items[index];
    }
    if (op === 'remove') {
      if (index >= 0) items.splice(index, 1);
      return null;
    }
    throw new Error('unknown storage operation ' + op);
  }
  function handleCall(data) {
    var reply = function (ok, value) {
      frame.contentWindow.postMessage(
        {
          source: 'appbundle-preview',
          version: 1,
          type: 'result',
          id: data.id,
          ok: ok,
          value: ok ? value : undefined,
          error: ok ? undefined : String(value),
        },
        '*',
      );
    };
    try {
      if (data.kind === 'storage')
        reply(
          true,
          storage(
            data.payload.op,
            data.payload.collection,
            data.payload.args || [],
            data.payload.scope,
          ),
        );
      // The playground proxies no HTTP: a product would forward it under its own policy.
      else if (data.kind === 'fetch')
        reply(true, {
          status: 501,
          headers: { 'content-type': 'text/plain' },
          body: 'the playground does not proxy ' + data.payload.url,
        });
      else reply(false, 'unknown call ' + data.kind);
    } catch (e) {
      reply(false, e.message);
    }
  }
  var ready = false;
  var pending = null;
  source.value = SAMPLE;

  // `extra`: more fields of the load message (`partial: true` for a streamed version).
  function send(files, extra) {
    problems.replaceChildren();
    status.textContent = 'bundling…';
    var message = Object.assign(
      {
        source: 'appbundle-preview',
        version: 1,
        type: 'load',
        files: files,
        capabilities: ['storage', 'fetch'],
      },
      extra || {},
    );
    // The preview's origin is opaque (sandboxed): '*' is the only target that reaches it.
    if (ready) frame.contentWindow.postMessage(message, '*');
    else pending = message;
  }
  window.addEventListener('message', function (event) {
    if (
      event.source !== frame.contentWindow ||
      (event.origin !== 'null' && event.origin !== previewUrl.origin)
    )
      return;
    var data = event.data;
    if (!data || data.source !== 'appbundle-preview') return;
    messages.push(data);
    if (data.type === 'call') {
      handleCall(data);
    } else if (data.type === 'ready') {
      ready = true;
      if (pending) {
        frame.contentWindow.postMessage(pending, '*');
        pending = null;
      }
    } else if (data.type === 'rendered') {
      status.textContent = 'rendered in ' + data.ms + ' ms';
    } else if (data.type === 'error') {
      var item = document.createElement('li');
      item.textContent =
        (data.file ? data.file + ':' + data.line + ':' + data.column + ' ' : '') + data.message;
      problems.appendChild(item);
      status.textContent = data.kind;
    }
  });
  document.getElementById('run').addEventListener('click', function () {
    send({ 'App.tsx': source.value });
  });
  frame.src = previewUrl.href;
  // For tests and scripts: window.__playground.load({ 'App.tsx': '…' }) and the messages seen.
  window.__playground = { load: send, messages: messages, store: store };
  send({ 'App.tsx': SAMPLE });
})();
