// Runs after every category bundle and the bundled tests/apps/runtime-deps app have loaded:
// checks each registered namespace against manifest.json, renders the app with core's React,
// and writes what it found into #results for tests/runtime_deps.rs to read.
(function () {
  const results = { exports: [], registry: [], checks: {}, errors: window.__errors };
  const manifest = JSON.parse(document.getElementById('manifest').textContent);
  const deps = window.AppDependencies || {};
  for (const [specifier, entry] of Object.entries(manifest.packages)) {
    const namespace = (deps[entry.category] || {})[specifier];
    if (!namespace) {
      results.exports.push(specifier + ': not registered on AppDependencies.' + entry.category);
      continue;
    }
    // Enumerable own names: what `import { name }` can reach (a CommonJS function namespace also
    // has `length`, `name` and `prototype`, which no app imports).
    const names = Object.keys(namespace).filter((n) => n !== '__esModule').sort();
    const expected = [...entry.exports].sort();
    if (JSON.stringify(names) !== JSON.stringify(expected)) {
      const missing = expected.filter((n) => !names.includes(n));
      const extra = names.filter((n) => !expected.includes(n));
      results.exports.push(specifier + ': missing ' + missing.join(',') + '; extra ' + extra.join(','));
    }
  }
  for (const [category, bundle] of Object.entries(manifest.bundles)) {
    const registered = Object.keys(deps[category] || {}).sort();
    if (JSON.stringify(registered) !== JSON.stringify([...bundle.specifiers].sort())) {
      results.registry.push(category + ': registers ' + registered.join(','));
    }
  }

  const React = deps.core.react;
  const root = deps.core['react-dom/client'].createRoot(document.getElementById('root'));
  root.render(React.createElement(window.AppBundle.exports.default));

  setTimeout(() => {
    const q = (selector) => document.querySelector(selector);
    const all = (selector) => Array.from(document.querySelectorAll(selector));
    const text = (selector) => (q(selector) ? q(selector).textContent : null);
    results.checks = {
      chartSvg: !!q('#chart svg'),
      chartLinePath: !!q('#chart .recharts-line path'),
      lucideSvg: !!q('#lucide svg.lucide'),
      reactIconsClass: q('#react-icons svg') ? q('#react-icons svg').getAttribute('class') : null,
      formError: text('#form-error'),
      motionTag: q('#motion') ? q('#motion').tagName : null,
      zustand: text('#zustand'),
      dndSortables: all('#dnd li[aria-roledescription="sortable"]').length,
      date: text('#date'),
      tableCells: all('#table td').map((td) => td.textContent),
      tabs: all('[role="tab"]').length,
      tabPanel: text('[role="tabpanel"]'),
      markdownHeading: text('#markdown h1'),
      markdownEmphasis: text('#markdown em'),
      // dnd-kit's live region is an empty status too.
      toast: all('[role="status"]').map((el) => el.textContent).filter(Boolean),
      mainClass: q('main') ? q('main').className : null,
    };
    document.getElementById('results').textContent = JSON.stringify(results);
  }, 1500);
})();
