// appbundle PreviewRuntime: runs one bundled app inside a sandboxed iframe (opaque origin).
// Bridge protocol v1 (messages are objects { source: "appbundle-preview", version: 1, type, ... }):
//   parent → preview: load { hash } | load { files, entry?, refresh? }, each with optional
//                     partial: true (a streamed version) and capabilities: ["storage", "fetch"]
//                     (what the host answers calls for); result { id, ok, value | error }
//                     (answer to a call)
//   preview → parent: ready, rendered { hash, ms, refresh, reason?, partial? }, error { kind,
//                     message, file, line, column, frame, code? }, console { level, args },
//                     resize { height },
//                     call { id, kind: "storage" | "fetch", payload }
// Storage (useAppData) and SandboxAPI.fetch go to the host through `call` when the host
// announced the capability; otherwise storage stays in memory and fetch is the browser's, which
// the page's CSP limits to this service's origin. Messages not from the parent are ignored.
(function () {
  'use strict';
  var PROTOCOL = 1;
  var SOURCE = 'appbundle-preview';
  var host = window.parent !== window ? window.parent : null;
  var params = new URLSearchParams(location.search);
  var hostOrigin = params.get('hostOrigin') || '*';
  var loadedScripts = Object.create(null);
  var current = null; // { hash, root, map, failed, partial }
  var rendering = null; // the version being loaded: { partial, snapshot, done }

  function post(type, payload) {
    if (!host) return;
    var message = Object.assign({ source: SOURCE, version: PROTOCOL, type: type }, payload || {});
    try {
      host.postMessage(message, hostOrigin);
    } catch {
      /* host gone */
    }
  }

  // --- console forwarding --------------------------------------------------------------
  // React's development build (the preview's, for Fast Refresh) reports its warnings (a missing
  // key, an unknown DOM property) with console.error: they reach the host as warnings.
  function calledByReact() {
    var frames = String(new Error().stack || '').split('\n');
    // frames: "Error", this function, the console wrapper, its caller.
    return /\/runtime-deps\/core[.-]/.test(frames[3] || '');
  }
  ['log', 'info', 'warn', 'error'].forEach(function (level) {
    var original = console[level];
    console[level] = function () {
      var forwarded = level === 'error' && calledByReact() ? 'warn' : level;
      var args = Array.prototype.map.call(arguments, function (a) {
        if (a instanceof Error) return a.stack || String(a);
        if (typeof a === 'object') {
          try {
            return JSON.stringify(a);
          } catch {
            return String(a);
          }
        }
        return String(a);
      });
      post('console', { level: forwarded, args: args });
      return original.apply(console, arguments);
    };
  });

  // --- source maps: bundle line/column → TSX file/line/column ------------------------------
  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  function decodeMappings(mappings) {
    var lines = [];
    var source = 0,
      origLine = 0,
      origCol = 0;
    mappings.split(';').forEach(function (group) {
      var segments = [];
      var genCol = 0;
      if (group)
        group.split(',').forEach(function (segment) {
          var values = [],
            value = 0,
            shift = 0;
          for (var i = 0; i < segment.length; i++) {
            var digit = B64.indexOf(segment[i]);
            value += (digit & 31) << shift;
            if (digit & 32) {
              shift += 5;
              continue;
            }
            values.push(value & 1 ? -(value >>> 1) : value >>> 1);
            value = 0;
            shift = 0;
          }
          genCol += values[0];
          if (values.length >= 4) {
            source += values[1];
            origLine += values[2];
            origCol += values[3];
            segments.push([genCol, source, origLine, origCol]);
          }
        });
      lines.push(segments);
    });
    return lines;
  }
  function originalPosition(map, line, column) {
    // line 1-based, column 1-based (as in stack traces)
    var segments = map.decoded[line - 1];
    if (!segments || !segments.length) return null;
    var best = null;
    for (var i = 0; i < segments.length; i++) {
      if (segments[i][0] <= column - 1) best = segments[i];
      else break;
    }
    best = best || segments[0];
    var file = map.sources[best[1]];
    var text = (map.sourcesContent || [])[best[1]] || '';
    return {
      file: file,
      line: best[2] + 1,
      column: best[3] + 1,
      frame: codeFrame(text, best[2] + 1, best[3] + 1),
    };
  }
  function codeFrame(text, line, column) {
    var lines = text.split('\n');
    var out = [];
    for (var n = Math.max(1, line - 2); n <= Math.min(lines.length, line + 2); n++) {
      out.push((n === line ? '> ' : '  ') + String(n).padStart(4) + ' | ' + lines[n - 1]);
      if (n === line) out.push('       | ' + ' '.repeat(Math.max(0, column - 1)) + '^');
    }
    return out.join('\n');
  }
  function locate(error) {
    if (!current || !current.map || !error || !error.stack) return null;
    var pattern = new RegExp('/bundle/' + current.hash + '\\.js:(\\d+):(\\d+)');
    var match = pattern.exec(error.stack);
    return match ? originalPosition(current.map, Number(match[1]), Number(match[2])) : null;
  }

  // --- errors: overlay + bridge -------------------------------------------------------------
  function overlay() {
    var element = document.getElementById('appbundle-overlay');
    if (!element) {
      element = document.createElement('div');
      element.id = 'appbundle-overlay';
      element.setAttribute('role', 'alert');
      document.body.appendChild(element);
    }
    return element;
  }
  function clearOverlay() {
    var element = document.getElementById('appbundle-overlay');
    if (element) element.remove();
  }
  function report(kind, entry) {
    // A partial version's errors are expected (the host is still writing it): no overlay.
    if (rendering && rendering.partial) return;
    var box = overlay();
    var title = document.createElement('h2');
    title.textContent = kind + ': ' + entry.message;
    box.appendChild(title);
    if (entry.file) {
      var where = document.createElement('div');
      where.className = 'where';
      where.textContent = entry.file + ':' + entry.line + ':' + entry.column;
      box.appendChild(where);
    }
    if (entry.frame) {
      var frame = document.createElement('pre');
      frame.className = 'frame';
      frame.textContent = entry.frame;
      box.appendChild(frame);
    }
    post('error', Object.assign({ kind: kind }, entry));
  }
  function runtimeError(kind, error) {
    var position = locate(error) || {};
    report(kind, {
      message: error && error.message ? error.message : String(error),
      file: position.file,
      line: position.line,
      column: position.column,
      frame: position.frame,
    });
  }
  window.addEventListener('error', function (event) {
    // The browser's note that resize notifications wait for the next frame: not an app error.
    if (!event.error && /^ResizeObserver loop/.test(event.message || '')) return;
    runtimeError('runtime error', event.error || new Error(event.message));
  });
  window.addEventListener('unhandledrejection', function (event) {
    runtimeError('unhandled rejection', event.reason);
  });

  // --- Web Storage --------------------------------------------------------------------------
  // The preview's opaque origin has no localStorage or sessionStorage: touching either throws a
  // SecurityError, and generated apps touch them at render. They get working ones, in memory;
  // localStorage is also kept by the host when it answers storage calls (collection
  // `__localStorage`, an item per key, in the visitor's scope: a browser's localStorage is its
  // user's), so it outlives a reload of the preview.
  var LOCAL_COLLECTION = '__localStorage';
  var VISITOR = { scope: 'visitor' };
  var hostStorage = null; // the host's storage bridge, once the snapshot is read
  var hostKeys = Object.create(null); // keys the host holds an item for

  function memoryStorage(onChange) {
    var data = new Map();
    var api = {
      getItem: function (key) {
        key = String(key);
        return data.has(key) ? data.get(key) : null;
      },
      setItem: function (key, value) {
        key = String(key);
        value = String(value);
        var old = data.has(key) ? data.get(key) : null;
        data.set(key, value);
        onChange(key, old, value);
      },
      removeItem: function (key) {
        key = String(key);
        if (!data.has(key)) return;
        var old = data.get(key);
        data.delete(key);
        onChange(key, old, null);
      },
      clear: function () {
        Array.from(data.keys()).forEach(api.removeItem);
      },
      key: function (index) {
        var keys = Array.from(data.keys());
        return index >= 0 && index < keys.length ? keys[index] : null;
      },
    };
    Object.defineProperty(api, 'length', {
      configurable: true,
      get: function () {
        return data.size;
      },
    });
    // `storage.theme = 'dark'`, `storage.theme`, `delete storage.theme`, `Object.keys(storage)`.
    var storage = new Proxy(api, {
      get: function (target, prop) {
        if (typeof prop === 'symbol' || prop in target) return target[prop];
        return data.has(prop) ? data.get(prop) : undefined;
      },
      set: function (target, prop, value) {
        if (typeof prop === 'symbol' || prop in target) return false;
        api.setItem(prop, value);
        return true;
      },
      deleteProperty: function (_target, prop) {
        if (typeof prop !== 'symbol') api.removeItem(prop);
        return true;
      },
      has: function (target, prop) {
        return prop in target || data.has(prop);
      },
      ownKeys: function () {
        return Array.from(data.keys());
      },
      getOwnPropertyDescriptor: function (_target, prop) {
        if (typeof prop === 'symbol' || !data.has(prop)) return undefined;
        return { value: data.get(prop), writable: true, enumerable: true, configurable: true };
      },
    });
    return { storage: storage, data: data };
  }

  function storageEvent(key, oldValue, newValue) {
    // Listeners on this page hear of changes too (components that sync through `storage`).
    setTimeout(function () {
      window.dispatchEvent(
        new StorageEvent('storage', {
          key: key,
          oldValue: oldValue,
          newValue: newValue,
          url: location.href,
        }),
      );
    }, 0);
  }

  var webStorage = {
    localStorage: memoryStorage(function (key, oldValue, newValue) {
      storageEvent(key, oldValue, newValue);
      if (!hostStorage) return;
      var saved;
      if (newValue === null) {
        delete hostKeys[key];
        saved = hostStorage.remove(LOCAL_COLLECTION, key, VISITOR);
      } else if (hostKeys[key]) {
        saved = hostStorage.update(LOCAL_COLLECTION, key, { value: newValue }, VISITOR);
      } else {
        hostKeys[key] = true;
        saved = hostStorage.create(LOCAL_COLLECTION, { id: key, value: newValue }, VISITOR);
      }
      saved.catch(function (error) {
        console.warn('appbundle: localStorage was not saved by the host: ' + error.message);
      });
    }),
    sessionStorage: memoryStorage(storageEvent),
  };

  ['localStorage', 'sessionStorage'].forEach(function (name) {
    try {
      if (window[name]) return; // a real one (a host that allows same-origin storage)
    } catch {
      /* SecurityError in the opaque origin */
    }
    Object.defineProperty(window, name, {
      configurable: true,
      enumerable: true,
      get: function () {
        return webStorage[name].storage;
      },
    });
  });

  // --- IndexedDB ----------------------------------------------------------------------------
  // The opaque origin refuses IndexedDB (open() throws a SecurityError). An app that uses it
  // loads an in-memory IndexedDB (the `indexedDB` shim of the allowlist, fake-indexeddb): from
  // then on `indexedDB` and the IDB* classes are its. Data lasts as long as the page.
  var IDB_CLASSES = [
    'IDBCursor',
    'IDBCursorWithValue',
    'IDBDatabase',
    'IDBFactory',
    'IDBIndex',
    'IDBKeyRange',
    'IDBObjectStore',
    'IDBOpenDBRequest',
    'IDBRequest',
    'IDBTransaction',
    'IDBVersionChangeEvent',
  ];
  function memoryIndexedDB() {
    var deps = window.AppDependencies || {};
    for (var bundle in deps) {
      if (deps[bundle] && deps[bundle]['fake-indexeddb']) return deps[bundle]['fake-indexeddb'];
    }
    return null;
  }
  if (self.origin === 'null') {
    ['indexedDB'].concat(IDB_CLASSES).forEach(function (name) {
      // `indexedDB` is an accessor of the window, the classes are values.
      var own = Object.getOwnPropertyDescriptor(window, name) || {};
      Object.defineProperty(window, name, {
        configurable: true,
        enumerable: false,
        get: function () {
          var memory = memoryIndexedDB();
          if (memory) return memory[name];
          return own.get ? own.get.call(window) : own.value;
        },
      });
    });
  }

  /** Reads the host's localStorage snapshot once, before the first app runs. */
  function loadHostStorage() {
    var bridge = window.AppBundleHost && window.AppBundleHost.storage;
    if (!bridge || hostStorage) return Promise.resolve();
    return bridge
      .list(LOCAL_COLLECTION, VISITOR)
      .then(function (items) {
        (items || []).forEach(function (item) {
          if (!item || typeof item.id !== 'string') return;
          hostKeys[item.id] = true;
          webStorage.localStorage.data.set(item.id, String(item.value));
        });
        hostStorage = bridge;
      })
      .catch(function (error) {
        console.warn('appbundle: the host did not give localStorage: ' + error.message);
      });
  }

  // --- host calls: storage and fetch for @appbundle/runtime --------------------------------
  var calls = Object.create(null);
  var nextCall = 1;
  function callHost(kind, payload) {
    return new Promise(function (resolve, reject) {
      var id = nextCall++;
      calls[id] = { resolve: resolve, reject: reject };
      post('call', { id: id, kind: kind, payload: payload });
      setTimeout(function () {
        if (calls[id]) {
          delete calls[id];
          reject(new Error('the host did not answer ' + kind));
        }
      }, 15000);
    });
  }
  function answer(data) {
    var pending = calls[data.id];
    if (!pending) return;
    delete calls[data.id];
    if (data.ok) pending.resolve(data.value);
    else pending.reject(new Error(String(data.error)));
  }
  function installHost(capabilities) {
    var wanted = Array.isArray(capabilities) ? capabilities : [];
    var bridge = {};
    if (wanted.indexOf('storage') >= 0) {
      // `arity`: the arguments after the collection; the one after them is `{ scope }`.
      var op = function (name, arity) {
        return function (collection) {
          var args = Array.prototype.slice.call(arguments, 1, 1 + arity);
          var options = arguments[1 + arity];
          return callHost('storage', {
            op: name,
            collection: collection,
            args: args,
            scope: options && options.scope === 'visitor' ? 'visitor' : 'app',
          });
        };
      };
      bridge.storage = {
        list: op('list', 0),
        create: op('create', 1),
        update: op('update', 2),
        remove: op('remove', 1),
      };
    }
    if (wanted.indexOf('fetch') >= 0) {
      bridge.fetch = function (input, init) {
        init = init || {};
        return callHost('fetch', {
          url: String(input && input.url ? input.url : input),
          method: init.method || 'GET',
          headers: init.headers || {},
          body: typeof init.body === 'string' ? init.body : undefined,
        }).then(function (r) {
          return new Response(r.body, { status: r.status, headers: r.headers || {} });
        });
      };
    }
    window.AppBundleHost = bridge;
  }

  // --- loading ------------------------------------------------------------------------------
  function loadScript(url, integrity) {
    if (!loadedScripts[url]) {
      loadedScripts[url] = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = url;
        script.crossOrigin = 'anonymous';
        if (integrity) script.integrity = integrity;
        script.onload = resolve;
        script.onerror = function () {
          reject(new Error('could not load ' + url));
        };
        document.head.appendChild(script);
      });
    }
    return loadedScripts[url];
  }
  // The app's Tailwind CSS replaces the previous app's, once loaded (no flash of unstyled app).
  function loadStyles(url) {
    if (!url) return Promise.resolve();
    return new Promise(function (resolve) {
      var link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = url;
      link.setAttribute('data-appbundle-css', '');
      link.onload = link.onerror = function () {
        Array.prototype.forEach.call(
          document.querySelectorAll('link[data-appbundle-css]'),
          function (old) {
            if (old !== link) old.remove();
          },
        );
        resolve();
      };
      document.head.appendChild(link);
    });
  }
  function getJson(url, init) {
    return fetch(url, init).then(function (response) {
      return response.json().then(function (body) {
        return { status: response.status, body: body };
      });
    });
  }

  // --- mounting: updated in place (hot.js, React Fast Refresh) or mounted afresh -----------
  var hot = window.AppBundleHot || null;

  function boundary(React) {
    function Boundary(props) {
      React.Component.call(this, props);
      this.state = { failed: false };
    }
    Boundary.prototype = Object.create(React.Component.prototype);
    Boundary.prototype.constructor = Boundary;
    Boundary.getDerivedStateFromError = function () {
      return { failed: true };
    };
    Boundary.prototype.componentDidCatch = function (error) {
      if (current) current.failed = true;
      if (hot) hot.reset('the previous version failed to render');
      // A partial version that fails leaves the last good frame on screen, not an empty root.
      if (rendering && rendering.partial) showSnapshot(rendering.snapshot);
      else runtimeError('render error', error);
      if (rendering) rendering.done();
    };
    Boundary.prototype.render = function () {
      return this.state.failed ? null : this.props.children;
    };
    return Boundary;
  }
  function Rendered(props) {
    var React = window.AppDependencies.core.react;
    React.useLayoutEffect(function () {
      hideSnapshot(); // the new frame is in the DOM: the copy of the old one can go
    }, []);
    React.useEffect(function () {
      props.onRendered();
    }, []);
    return props.children;
  }

  // --- the last good frame, kept while a partial version is tried -------------------------
  function takeSnapshot() {
    var root = document.getElementById('root');
    if (!root || !root.childNodes.length) return null;
    var copy = root.cloneNode(true);
    copy.id = 'appbundle-snapshot';
    copy.setAttribute('aria-hidden', 'true');
    return copy;
  }
  function showSnapshot(copy) {
    var root = document.getElementById('root');
    if (!copy || !root || document.getElementById('appbundle-snapshot')) return;
    root.parentNode.insertBefore(copy, root);
    root.style.display = 'none';
  }
  function hideSnapshot() {
    var copy = document.getElementById('appbundle-snapshot');
    if (copy) copy.remove();
    var root = document.getElementById('root');
    if (root) root.style.display = '';
  }

  // --- "updating": shown while a host streams partial versions ----------------------------
  function showUpdating() {
    if (document.getElementById('appbundle-updating')) return;
    var badge = document.createElement('div');
    badge.id = 'appbundle-updating';
    badge.setAttribute('role', 'status');
    badge.textContent = 'Updating…';
    document.body.appendChild(badge);
  }
  function hideUpdating() {
    var badge = document.getElementById('appbundle-updating');
    if (badge) badge.remove();
  }

  /** The entry's default export; else the named component the bundler chose (an entry that
   * exports only `function LoginForm`), said in a console note; else its `App`. */
  function componentToMount(bundle) {
    var exported = bundle && bundle.exports;
    if (!exported) return undefined;
    if (exported.default) return exported.default;
    var named = bundle.component && exported[bundle.component];
    if (named) {
      console.info(
        'appbundle: ' +
          bundle.entry +
          ' has no default export; rendering its `' +
          bundle.component +
          '` export',
      );
      return named;
    }
    return exported.App;
  }

  // Roots the app made itself (createRoot in its own code): unmounted with it. The app reads
  // `react-dom/client` from `AppDependencies.core` when it runs, so core is seen through an
  // object whose `react-dom/client` records the roots made (the registry's own entries cannot
  // be redefined); the preview keeps the real one.
  var appRoots = [];
  var reactDomClient = null;
  function trackAppRoots() {
    var deps = window.AppDependencies;
    if (!deps || !deps.core || reactDomClient) return;
    var core = deps.core;
    reactDomClient = core['react-dom/client'];
    var client = Object.assign({}, reactDomClient);
    ['createRoot', 'hydrateRoot'].forEach(function (name) {
      var make = reactDomClient[name];
      client[name] = function () {
        var root = make.apply(this, arguments);
        appRoots.push(root);
        return root;
      };
    });
    var seen = {};
    Object.keys(core).forEach(function (key) {
      Object.defineProperty(seen, key, {
        enumerable: true,
        get: function () {
          return key === 'react-dom/client' ? client : core[key];
        },
      });
    });
    deps.core = seen;
  }

  /** Removes the mounted app (before a fresh mount, or for a final build error). The next one
   * gets a new root element: two React roots never share a container. */
  function unmountCurrent(reason) {
    appRoots.splice(0).forEach(function (root) {
      try {
        root.unmount();
      } catch (error) {
        console.warn('appbundle: the app root did not unmount: ' + error.message);
      }
    });
    if (current && current.root) current.root.unmount();
    if (current) current.root = null;
    var old = document.getElementById('root');
    if (old) {
      var fresh = document.createElement('div');
      fresh.id = 'root';
      old.replaceWith(fresh);
    }
    hideSnapshot();
    if (hot) hot.reset(reason);
  }
  // hot.js asks for this before it runs a version's modules afresh: an app that renders itself
  // (createRoot in its own code) must find an empty root.
  // A partial version shows the last good frame meanwhile, and keeps it if it fails to run.
  if (hot)
    hot.beforeRemount = function () {
      unmountCurrent('remounted');
      if (rendering && rendering.partial) showSnapshot(rendering.snapshot);
    };

  var loadedCore = null; // the URL of the React build this page runs
  var capabilities = [];

  /** A version built for the other React build (production or refresh) cannot share this page
   * with the one it runs: the page reloads itself with that version. */
  function reloadFor(meta) {
    var next = new URLSearchParams(location.search);
    next.set('hash', meta.hash);
    if (capabilities.length) next.set('capabilities', capabilities.join(','));
    else next.delete('capabilities');
    location.replace('?' + next.toString());
  }

  var loadStarted = 0;
  /** Loads and renders a version; resolves once it rendered or failed. `partial`: a version
   * the host streams, whose failures keep the last good frame and show no overlay. */
  function run(meta, partial) {
    var started = loadStarted || performance.now();
    var core = meta.bundles.filter(function (b) {
      return b.category === 'core';
    })[0];
    if (core && core.url) {
      if (loadedCore && loadedCore !== core.url) {
        reloadFor(meta);
        return new Promise(function () {});
      }
      loadedCore = core.url;
    }
    // Dependencies are loaded once per page, in order; the app script once per hash.
    var chain = Promise.resolve();
    meta.bundles.forEach(function (bundle) {
      chain = chain.then(function () {
        return loadScript(bundle.url, bundle.integrity);
      });
    });
    var version = rendering;
    var finished = new Promise(function (resolve) {
      version.done = resolve;
    });
    if (partial) version.snapshot = takeSnapshot();
    // The mounted root stays until a remount replaces it (after a failed render too: hot.js
    // was reset then, so the next version remounts).
    var mounted = current ? current.root : null;
    // The same version again is a restart (hot.js remounts it), unless it ends a stream whose
    // last partial version it equals.
    var again = current && current.hash === meta.hash && !current.partial;
    chain
      .then(function () {
        if (again && hot) hot.reset('the same version again');
        current = { hash: meta.hash, root: mounted, map: null, failed: false, partial: partial };
        var mapReady = getJson('/bundle/' + meta.hash + '.js.map')
          .then(function (result) {
            if (current && current.hash === meta.hash && result.status === 200) {
              current.map = {
                sources: result.body.sources,
                sourcesContent: result.body.sourcesContent,
                decoded: decodeMappings(result.body.mappings),
              };
            }
          })
          .catch(function () {});
        // A hot reload loads a new script: its URL is new, so it runs again.
        delete loadedScripts[meta.url];
        trackAppRoots();
        window.AppBundle = undefined; // what the script says of itself, fresh
        if (!hot) unmountCurrent('no hot reload');
        return Promise.all([mapReady, loadStyles(meta.css), loadHostStorage()]).then(function () {
          return loadScript(meta.url, meta.integrity);
        });
      })
      .then(function () {
        var outcome = hot ? hot.outcome() : { mode: 'mount', reason: 'no hot reload' };
        var deps = window.AppDependencies.core;
        var React = deps.react;
        // `ms`: from the load request to the first frame painted after React's commit.
        var rendered = function (how) {
          requestAnimationFrame(function () {
            hideSnapshot();
            setTimeout(function () {
              var message = { hash: meta.hash, ms: Math.round(performance.now() - started) };
              post('rendered', Object.assign(message, how, partial ? { partial: true } : {}));
              version.done();
            }, 0);
          });
        };
        if (outcome.mode === 'failed') {
          // Its modules threw while running (reported, unless partial): the mounted app stays.
          version.done();
          return;
        }
        clearOverlay();
        if (outcome.mode === 'refresh' && current.root) {
          var applied = hot.apply();
          hideSnapshot();
          if (!current.failed) rendered(applied);
          return;
        }
        var how = { refresh: false, reason: outcome.reason };
        var container = document.getElementById('root');
        var App = componentToMount(window.AppBundle);
        if (container.childNodes.length || typeof App !== 'function') {
          // The app rendered itself (createRoot in its own code): do not mount it twice.
          rendered(how);
          return;
        }
        current.root = reactDomClient.createRoot(container);
        var tree = React.createElement(
          boundary(React),
          null,
          React.createElement(
            Rendered,
            {
              onRendered: function () {
                rendered(how);
              },
            },
            React.createElement(App),
          ),
        );
        // A remount replaces the old frame within one task: no empty frame between the two.
        deps['react-dom'].flushSync(function () {
          current.root.render(tree);
        });
      })
      .catch(function (error) {
        if (!partial) runtimeError('load error', error);
        version.done();
      });
    return finished;
  }

  function loadHash(hash, partial) {
    return getJson('/bundle/' + hash + '.json')
      .then(function (result) {
        if (result.status !== 200) throw new Error(result.body.error || 'unknown bundle ' + hash);
        return run(result.body, partial);
      })
      .catch(function (error) {
        if (!partial) runtimeError('load error', error);
      });
  }

  function loadFiles(files, entry, options) {
    options = options || {};
    var partial = !!options.partial;
    return getJson('/bundle', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        files: files,
        entry: entry || undefined,
        options: { refresh: options.refresh !== false },
      }),
    })
      .then(function (result) {
        // A partial version that does not build yet keeps the last good frame.
        if (partial && result.status !== 200) return;
        if (result.status === 422) {
          unmountCurrent('a build error');
          result.body.errors.forEach(function (d) {
            report('build error', {
              message: d.message + (d.suggestion ? ' (' + d.suggestion + ')' : ''),
              code: d.code,
              file: d.file,
              line: d.line,
              column: d.column,
              frame: d.frame,
            });
          });
          return;
        }
        if (result.status !== 200)
          throw new Error(result.body.error || 'bundling failed: ' + result.status);
        return loadHash(result.body.hash, partial);
      })
      .catch(function (error) {
        if (!partial) runtimeError('load error', error);
      });
  }

  // --- the load queue: one version at a time, the newest waiting one next -----------------
  // A host that streams sends versions faster than they build; those between the one in flight
  // and the newest are skipped.
  var inFlight = false;
  var waiting = null;
  function enqueue(job) {
    waiting = job;
    if (job.partial) showUpdating();
    if (!inFlight) next();
  }
  function next() {
    var job = waiting;
    waiting = null;
    if (!job) {
      inFlight = false;
      return;
    }
    inFlight = true;
    loadStarted = performance.now();
    rendering = { partial: !!job.partial, snapshot: null, done: function () {} };
    var work = job.hash ? loadHash(job.hash, job.partial) : loadFiles(job.files, job.entry, job);
    work.then(function () {
      if (!job.partial && !waiting) hideUpdating();
      next();
    });
  }

  window.addEventListener('message', function (event) {
    if (!host || event.source !== host) return;
    if (hostOrigin !== '*' && event.origin !== hostOrigin) return;
    var data = event.data;
    if (!data || data.source !== SOURCE) return;
    if (data.type === 'result') return answer(data);
    if (data.type !== 'load') return;
    capabilities = Array.isArray(data.capabilities) ? data.capabilities.map(String) : [];
    installHost(capabilities);
    var partial = data.partial === true;
    if (data.hash) enqueue({ hash: String(data.hash), partial: partial });
    else if (data.files)
      enqueue({
        files: data.files,
        entry: data.entry,
        partial: partial,
        refresh: data.refresh !== false,
      });
  });

  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(function () {
      post('resize', { height: document.documentElement.scrollHeight });
    }).observe(document.documentElement);
  }

  // The runtime for tests and standalone use: window.__appbundle.load(...)
  window.__appbundle = {
    loadHash: function (hash) {
      enqueue({ hash: String(hash) });
    },
    loadFiles: function (files, entry, options) {
      enqueue(Object.assign({ files: files, entry: entry }, options || {}));
    },
  };
  post('ready');
  // `?hash=` (and the host's `capabilities`, when the page reloaded itself for another React
  // build: see reloadFor).
  if (params.get('capabilities')) {
    capabilities = params.get('capabilities').split(',');
    installHost(capabilities);
  }
  if (params.get('hash')) enqueue({ hash: params.get('hash') });
})();
