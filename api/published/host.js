// A published app keeps its data on its own server: `useAppData` (from @appbundle/runtime)
// reads and writes this app's REST API, relative to the page (`/apps/<appId>/api/data/...`).
(function () {
  function url(collection, id) {
    var path =
      'api/data/' + encodeURIComponent(collection) + (id ? '/' + encodeURIComponent(id) : '');
    return new URL(path, document.baseURI).href;
  }
  function call(method, target, body) {
    return fetch(target, {
      method: method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    }).then(function (response) {
      if (!response.ok) throw new Error(method + ' ' + target + ': HTTP ' + response.status);
      return response.status === 204 ? undefined : response.json();
    });
  }
  window.AppBundleHost = {
    storage: {
      list: function (collection) {
        return call('GET', url(collection));
      },
      create: function (collection, item) {
        return call('POST', url(collection), item);
      },
      update: function (collection, id, patch) {
        return call('PUT', url(collection, id), patch);
      },
      remove: function (collection, id) {
        return call('DELETE', url(collection, id));
      },
    },
  };
})();
