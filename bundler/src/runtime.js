(function (modules, entry) {
  "use strict";
  var cache = Object.create(null);
  // What a module made for React Fast Refresh calls when no page runs the modules for it.
  function register() {}
  function signature() {
    return function (type) {
      return type;
    };
  }
  function load(id) {
    var cached = cache[id];
    if (cached) return cached.exports;
    var module = { id: id, exports: {} };
    cache[id] = module;
    modules[id].call(undefined, module, module.exports, load, register, signature);
    return module.exports;
  }
  // Images, fonts and SVGs are served beside the script: `<script URL without .js>/assets/`.
  var script = typeof document !== "undefined" && document.currentScript;
  var assets = script && script.src ? script.src.replace(/\.js([?#].*)?$/, "/assets/") : "assets/";
  load.asset = function (module, name) {
    module.exports = { default: assets + name };
  };
  // An SVG imported as a component: its element tree, drawn with the page's React.
  load.svg = function (module, json) {
    var tree = JSON.parse(json);
    var React = window.AppDependencies.core.react;
    function draw(node, props) {
      if (typeof node === "string") return node;
      var args = [node[0], Object.assign({}, node[1], props)];
      return React.createElement.apply(null, args.concat(node[2].map(function (child) {
        return draw(child);
      })));
    }
    module.exports = {
      default: function SvgComponent(props) {
        return draw(tree, props);
      },
    };
  };
  load.css = function (id, text) {
    if (typeof document === "undefined") return;
    text = text.split("appbundle-asset:").join(assets);
    var style = null;
    var existing = document.head.querySelectorAll("style[data-appbundle-file]");
    for (var i = 0; i < existing.length; i++) {
      if (existing[i].getAttribute("data-appbundle-file") === id) style = existing[i];
    }
    if (!style) {
      style = document.createElement("style");
      style.setAttribute("data-appbundle-file", id);
      document.head.appendChild(style);
    }
    style.textContent = text;
  };
  load.json = function (module, value) {
    var isRecord = value !== null && typeof value === "object" && !Array.isArray(value);
    var exports = isRecord ? Object.assign({}, value) : {};
    exports.default = value;
    module.exports = exports;
  };
  // `require("pkg")` as the app wrote it: what CommonJS gives, the package's default export
  // when it is a function or an object (clsx's function, React's object), with the named
  // exports reachable on it too; else the namespace (uuid, which has no default).
  load.cjs = function (ns) {
    var value = ns && ns.default;
    if (value === null || (typeof value !== "function" && typeof value !== "object")) return ns;
    return new Proxy(value, {
      get: function (target, key) {
        return key in target ? target[key] : ns[key];
      },
    });
  };
  // A package whose icons travel with the app (see icon_sets.rs): its machinery from the
  // prebuilt bundle, plus one component per icon the app imports, made by the package's factory
  // (found on `host`: the package itself, or the one that provides it).
  load.icons = function (module, base, host, json) {
    var data = JSON.parse(json);
    var exports = Object.assign({}, base);
    var made = Object.create(null);
    function make(key) {
      return made[key] || (made[key] = host[data.factory](data.icons[key]));
    }
    for (var name in data.exports) exports[name] = make(data.exports[name]);
    if (data.index) {
      var all = {};
      for (var n in data.index) all[n] = make(data.index[n]);
      exports[data.index_export] = all;
    }
    module.exports = exports;
  };
  var app = window.AppBundle || (window.AppBundle = {});
  app.entry = entry;
  // A page that updates apps in place (the preview's React Fast Refresh) runs the modules
  // itself, with the helpers above.
  var hot = window.AppBundleHot;
  app.exports = hot ? hot.run(modules, entry, load) : load(entry);
})
