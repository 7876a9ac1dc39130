// Runs a bundle produced by `appbundle bundle` in Node, the way a page would: as a classic
// script, with `window.AppDependencies` holding real packages' ES module namespaces (the
// contract of allowlist.toml), then server-renders the entry's default export with real React.
// Usage: node run-bundle.mjs <bundle.js>  → prints {"html": "...", "styles": [...]}
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import * as React from 'react';
import * as jsxRuntime from 'react/jsx-runtime';
import * as jsxDevRuntime from 'react/jsx-dev-runtime';
import * as ReactDOM from 'react-dom';
import { renderToStaticMarkup } from 'react-dom/server';
import * as clsx from 'clsx';
import * as tailwindMerge from 'tailwind-merge';
import * as nanoid from 'nanoid';
import * as lodash from 'lodash-es';

globalThis.window = globalThis;
window.AppDependencies = {
  core: {
    react: React,
    'react/jsx-runtime': jsxRuntime,
    'react/jsx-dev-runtime': jsxDevRuntime,
    'react-dom': ReactDOM,
  },
  utils: { clsx, 'tailwind-merge': tailwindMerge, nanoid },
  utils_lodash: { 'lodash-es': lodash },
};
const styles = [];
globalThis.document = {
  head: {
    querySelectorAll: () => styles,
    appendChild: (el) => styles.push(el),
  },
  createElement: () => {
    const attrs = {};
    return {
      setAttribute: (k, v) => (attrs[k] = v),
      getAttribute: (k) => attrs[k],
      attrs,
      textContent: '',
    };
  },
};

const code = readFileSync(process.argv[2], 'utf8');
vm.runInThisContext(code, { filename: process.argv[2] });
const App = window.AppBundle.exports.default;
const html = renderToStaticMarkup(React.createElement(App));
console.log(
  JSON.stringify({
    html,
    entry: window.AppBundle.entry,
    styles: styles.map((s) => [s.attrs['data-appbundle-file'], s.textContent]),
  }),
);
