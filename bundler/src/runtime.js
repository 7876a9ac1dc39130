(function (modules, entry) {
  "use strict";
  var cache = Object.create(null);
  function load(id) {
    var cached = cache[id];
    if (cached) return cached.exports;
    var module = { id: id, exports: {} };
    cache[id] = module;
    modules[id].call(undefined, module, module.exports, load);
    return module.exports;
  }
  load.css = function (id, text) {
    if (typeof document === "undefined") return;
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
  var app = window.AppBundle || (window.AppBundle = {});
  app.entry = entry;
  app.exports = load(entry);
})
