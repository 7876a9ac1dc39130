// Mounts the published app's default export on #root, unless the app rendered itself
// (createRoot in its own code marks the container): never twice.
(function () {
  var deps = window.AppDependencies.core;
  var container = document.getElementById('root');
  var exported = window.AppBundle && window.AppBundle.exports;
  var App = exported && (exported.default || exported.App);
  var selfRendered = Object.keys(container).some(function (key) {
    return key.indexOf('__reactContainer') === 0;
  });
  if (selfRendered || container.childNodes.length || typeof App !== 'function') return;
  deps['react-dom/client'].createRoot(container).render(deps.react.createElement(App));
})();
