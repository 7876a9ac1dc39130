// Peer 1: POST /bundle `{ files, entry }` → `{ code, map }` on esbuild in Node (the seed's
// design). Usage: node esbuild-server.mjs <port>
import http from 'node:http';
import * as esbuild from 'esbuild';
import { filesPlugin, readJson } from './files-plugin.mjs';

const port = Number(process.argv[2] || 18101);
http
  .createServer(async (request, response) => {
    if (request.method !== 'POST' || request.url !== '/bundle') {
      response.writeHead(404).end();
      return;
    }
    const send = (status, body) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    let body;
    try {
      body = await readJson(request);
    } catch (e) {
      send(400, { error: String(e) });
      return;
    }
    const { files, entry = 'App.tsx' } = body;
    try {
      const result = await esbuild.build({
        entryPoints: [entry],
        bundle: true,
        write: false,
        format: 'iife',
        jsx: 'automatic',
        sourcemap: 'external',
        outfile: 'app.js',
        logLevel: 'silent',
        plugins: [filesPlugin(files)],
      });
      const code = result.outputFiles.find((f) => f.path.endsWith('.js')).text;
      const map = result.outputFiles.find((f) => f.path.endsWith('.map')).text;
      send(200, { code, map });
    } catch (e) {
      send(422, { errors: (e.errors || []).map((m) => m.text) });
    }
  })
  .listen(port, '127.0.0.1', () => console.log(`esbuild peer on ${port}`));
