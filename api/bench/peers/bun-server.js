// Peer 2: POST /bundle `{ files, entry }` → `{ code, map }` on Bun's bundler (`Bun.build` with
// the same plugin). Usage: bun bun-server.js <port>
import { filesPlugin } from './files-plugin.mjs';

const port = Number(process.argv[2] || 18102);
Bun.serve({
  port,
  hostname: '127.0.0.1',
  async fetch(request) {
    const url = new URL(request.url);
    if (request.method !== 'POST' || url.pathname !== '/bundle') {
      return new Response(null, { status: 404 });
    }
    let body;
    try {
      body = await request.json();
    } catch (e) {
      return Response.json({ error: String(e) }, { status: 400 });
    }
    const { files, entry = 'App.tsx' } = body;
    const result = await Bun.build({
      entrypoints: [entry],
      format: 'iife',
      target: 'browser',
      sourcemap: 'external',
      throw: false,
      plugins: [filesPlugin(files)],
    });
    if (!result.success) {
      return Response.json(
        { errors: result.logs.map((l) => String(l.message || l)) },
        { status: 422 },
      );
    }
    const code = result.outputs.find((o) => o.kind === 'entry-point');
    const map = result.outputs.find((o) => o.kind === 'sourcemap');
    return Response.json({ code: await code.text(), map: map ? await map.text() : null });
  },
});
console.log(`bun peer on ${port}`);
