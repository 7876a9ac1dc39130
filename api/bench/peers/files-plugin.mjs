// The seed's bundling contract as an esbuild/Bun plugin: the app's files come from the request
// (`files`, relative imports resolved among them), and every bare import is read from
// `window.AppDependencies` at run time. Shared by the two peer servers.
const EXTENSIONS = ['', '.tsx', '.ts', '.jsx', '.js', '/index.tsx', '/index.ts', '/index.js'];
const LOADERS = { tsx: 'tsx', ts: 'ts', jsx: 'jsx', js: 'js', json: 'json', css: 'css' };

/** `relative` resolved against the folder `dir` of the files map (`..` and `.` applied). */
export function join(dir, relative) {
  const parts = dir ? dir.split('/') : [];
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

export function filesPlugin(files) {
  return {
    name: 'request-files',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        // esbuild names the entry's kind; Bun gives it no importer.
        if (args.kind === 'entry-point' || !args.importer)
          return { path: args.path, namespace: 'app' };
        if (args.path.startsWith('.')) {
          const dir = args.importer.includes('/') ? args.importer.replace(/\/[^/]*$/, '') : '';
          const base = join(dir, args.path);
          const found = EXTENSIONS.map((ext) => base + ext).find((p) => p in files);
          if (!found)
            return { errors: [{ text: `cannot resolve ${args.path} from ${args.importer}` }] };
          return { path: found, namespace: 'app' };
        }
        return { path: args.path, namespace: 'dependency' };
      });
      build.onLoad({ filter: /.*/, namespace: 'app' }, (args) => ({
        contents: files[args.path],
        loader: LOADERS[args.path.split('.').pop()] || 'tsx',
      }));
      build.onLoad({ filter: /.*/, namespace: 'dependency' }, (args) => ({
        contents: `module.exports = window.AppDependencies[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
    },
  };
}

/** Reads a JSON request body. */
export async function readJson(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}
