// Mounts the published app's default export on #root (or, for an entry without one, the
// named component the bundler chose), unless the app rendered itself (createRoot in its own
// code marks the container): never twice.
(function () {
  var deps = window.AppDependencies.core;
  var container = document.getElementById('root');
  var bundle = window.AppBundle || {};
  var exported = bundle.exports;
  var App =
    exported &&
    (exported.default || (bundle.component && exported[bundle.component]) || exported.App);
  var selfRendered = Object.keys(container).some(function (key) {
    return key.indexOf('__reactContainer') === 0;
  });
  if (selfRendered || container.childNodes.length || typeof App !== 'function') return;
  deps['react-dom/client'].createRoot(container).render(deps.react.createElement(App));
})();
