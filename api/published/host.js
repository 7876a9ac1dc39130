// A published app keeps its data on its own server: `useAppData` (from @appbundle/runtime)
// reads and writes this app's REST API, relative to the page (`api/data/...` on the app's
// origin, or under `/apps/<appId>/`). A visitor-scoped collection adds `?scope=visitor`: the
// app server keys it by its visitor cookie.
(function () {
  function url(collection, id, options) {
    var path =
      'api/data/' + encodeURIComponent(collection) + (id ? '/' + encodeURIComponent(id) : '');
    var scope = options && options.scope === 'visitor' ? '?scope=visitor' : '';
    return new URL(path + scope, document.baseURI).href;
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
  // SandboxAPI.fetch: the app's container has no network, so the service fetches for it, to
  // the hosts the app was published with (`egress`); anything else answers 403 with why.
  function egressFetch(input, init) {
    init = init || {};
    var headers = {};
    new Headers(init.headers || (input && input.headers) || {}).forEach(function (value, name) {
      headers[name] = value;
    });
    var target = new URL(String(input && input.url ? input.url : input), document.baseURI).href;
    return fetch(new URL('api/egress', document.baseURI).href, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        url: target,
        method: init.method || 'GET',
        headers: headers,
        body: typeof init.body === 'string' ? init.body : undefined,
      }),
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok) throw new Error('SandboxAPI.fetch ' + target + ': ' + answer.error);
        var empty = answer.status === 204 || answer.status === 304;
        return new Response(empty ? null : answer.body, {
          status: answer.status,
          headers: answer.headers,
        });
      });
    });
  }
  window.AppBundleHost = {
    fetch: egressFetch,
    storage: {
      list: function (collection, options) {
        return call('GET', url(collection, null, options));
      },
      create: function (collection, item, options) {
        return call('POST', url(collection, null, options), item);
      },
      update: function (collection, id, patch, options) {
        return call('PUT', url(collection, id, options), patch);
      },
      remove: function (collection, id, options) {
        return call('DELETE', url(collection, id, options));
      },
    },
  };
})();
