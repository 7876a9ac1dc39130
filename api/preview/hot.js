// appbundle PreviewRuntime: React Fast Refresh for bundles made with `options.refresh`.
//
// The app script's module runtime hands its module table to `AppBundleHot.run` (see
// bundler/src/runtime.js). Between two versions of an app only the modules whose code changed
// run again, plus the importers of changed modules that export values other than components
// (those importers hold the old values); every other module keeps its instance, so a context or a
// store made in an unchanged module survives the edit. Components of the modules that ran are
// registered with the refresh runtime, and `apply` updates the mounted tree in place: a
// component keeps its state when its hooks are the same, and is remounted by React when they are
// not. Some edits cannot be applied in place, and then every module runs afresh and the preview
// remounts the app (React's Fast Refresh rules):
//   - a changed module exports components and other values (those values would change identity
//     under components that keep their state);
//   - the change reaches the entry through modules that export no components, or the entry
//     exports no component (it renders itself);
//   - there is nothing mounted to update (first load, a failed render, another entry).
(function () {
  'use strict';
  var previous = null; // the mounted version: { entry, sources, records }
  var unmounted = 'first load'; // why nothing is mounted, while `previous` is null
  var outcome = { mode: 'mount', reason: unmounted };

  function refreshRuntime() {
    var core = window.AppDependencies && window.AppDependencies.core;
    return (core && core['react-refresh/runtime']) || null;
  }

  /** What a module exports: 'components', 'values', 'mixed', or 'none' (a stylesheet). */
  function exportKind(R, exports) {
    if (R.isLikelyComponentType(exports)) return 'components';
    if (!exports || typeof exports !== 'object') return 'values';
    var components = 0;
    var values = 0;
    Object.keys(exports).forEach(function (key) {
      if (key === '__esModule') return;
      if (R.isLikelyComponentType(exports[key])) components++;
      else values++;
    });
    if (!components && !values) return 'none';
    if (!values) return 'components';
    return components ? 'mixed' : 'values';
  }

  // Refresh families have no names: each gets a number, so signatures compare as strings.
  var familyNumbers = new WeakMap();
  var nextFamily = 1;
  function familyOf(R, type) {
    var family = R.getFamilyByType(type);
    if (!family) return '-';
    if (!familyNumbers.has(family)) familyNumbers.set(family, nextFamily++);
    return String(familyNumbers.get(family));
  }
  /** The export names of a module and the family of each: equal when an edit kept them. */
  function boundarySignature(R, exports) {
    var parts = [familyOf(R, exports)];
    if (exports && typeof exports === 'object') {
      Object.keys(exports).forEach(function (key) {
        if (key !== '__esModule') parts.push(key + '=' + familyOf(R, exports[key]));
      });
    }
    return parts.join(' ');
  }

  function importersOf(records, id) {
    return Object.keys(records).filter(function (other) {
      return records[other].deps.indexOf(id) >= 0;
    });
  }

  /** Which modules must run again for `sources`, or why the app must be remounted. */
  function updatePlan(R, sources, entry) {
    var changed = Object.keys(sources).filter(function (id) {
      return previous.sources[id] !== sources[id];
    });
    var rerun = Object.create(null);
    var queue = changed.slice();
    while (queue.length) {
      var id = queue.shift();
      if (rerun[id]) continue;
      rerun[id] = true;
      var record = previous.records[id];
      if (!record) continue; // new: it runs when the importer that now requires it does
      var kind = exportKind(R, record.module.exports);
      if (id === entry && kind !== 'components')
        return { remount: entry + ' exports no component to update' };
      if (kind === 'mixed') return { remount: id + ' exports components and other values' };
      if (kind === 'values') queue.push.apply(queue, importersOf(previous.records, id));
    }
    return { rerun: rerun, changed: changed };
  }

  /** Runs what `records` lacks, from the entry and every module of `rerun`, and registers the
   * components the modules that ran export. */
  function execute(R, modules, entry, helpers, records, rerun) {
    function load(id) {
      var known = records[id];
      if (known) return known.module.exports;
      var record = { module: { id: id, exports: {} }, deps: [], ran: true };
      records[id] = record;
      var require = function (dependency) {
        if (record.deps.indexOf(dependency) < 0) record.deps.push(dependency);
        return load(dependency);
      };
      for (var helper in helpers) require[helper] = helpers[helper];
      var register = R
        ? function (type, name) {
            R.register(type, id + ' ' + name);
          }
        : function () {};
      var signature = R
        ? R.createSignatureFunctionForTransform
        : function () {
            return function (type) {
              return type;
            };
          };
      modules[id].call(
        undefined,
        record.module,
        record.module.exports,
        require,
        register,
        signature,
      );
      return record.module.exports;
    }
    Object.keys(rerun).forEach(function (id) {
      if (modules[id]) load(id);
    });
    var exports = load(entry);
    if (R) registerExports(R, records);
    return exports;
  }

  /** Registers the components a module exports, under ids that stay the same across versions. */
  function registerExports(R, records) {
    Object.keys(records).forEach(function (id) {
      var record = records[id];
      if (!record.ran) return;
      var exports = record.module.exports;
      if (R.isLikelyComponentType(exports)) R.register(exports, id + ' %exports%');
      if (!exports || typeof exports !== 'object') return;
      Object.keys(exports).forEach(function (key) {
        var value = exports[key];
        if (R.isLikelyComponentType(value)) R.register(value, id + ' %exports% ' + key);
      });
    });
  }

  function run(modules, entry, helpers) {
    var R = refreshRuntime();
    var sources = Object.create(null);
    Object.keys(modules).forEach(function (id) {
      sources[id] = String(modules[id]);
    });
    var plan;
    if (!previous) plan = { remount: unmounted, first: true };
    else if (!R) plan = { remount: 'this page runs React without Fast Refresh' };
    else if (previous.entry !== entry) plan = { remount: 'the entry is now ' + entry };
    else if (window.AppBundle && window.AppBundle.rendersItself)
      plan = { remount: 'the app renders itself' };
    else plan = updatePlan(R, sources, entry);

    var records = Object.create(null);
    var exports;
    var remount = function () {
      if (window.AppBundleHot.beforeRemount) window.AppBundleHot.beforeRemount();
    };
    try {
      if (!plan.remount) {
        Object.keys(previous.records).forEach(function (id) {
          if (!plan.rerun[id] && modules[id]) {
            records[id] = {
              module: previous.records[id].module,
              deps: previous.records[id].deps,
              ran: false,
            };
          }
        });
        exports = execute(R, modules, entry, helpers, records, plan.rerun);
        // A module updated without its importers must export the same components (the same
        // families under the same names) as before: its importers hold the old ones.
        var moved = null;
        plan.changed.forEach(function (id) {
          var before = previous.records[id];
          if (moved || !before || !records[id]) return;
          if (exportKind(R, before.module.exports) !== 'components') return;
          if (exportKind(R, records[id].module.exports) !== 'components')
            moved = id + ' no longer exports only components';
          else if (
            boundarySignature(R, before.module.exports) !==
            boundarySignature(R, records[id].module.exports)
          )
            moved = id + ' exports other components now';
        });
        if (moved) {
          plan = { remount: moved };
          remount();
          records = Object.create(null);
          exports = execute(R, modules, entry, helpers, records, {});
        }
      } else {
        remount();
        exports = execute(R, modules, entry, helpers, records, {});
      }
    } catch (error) {
      // The mounted version (if any) stays, and the next version is compared with it.
      outcome = { mode: 'failed', reason: String(error && error.message) };
      throw error;
    }
    previous = { entry: entry, sources: sources, records: records };
    if (plan.first) outcome = { mode: 'mount', reason: plan.remount };
    else if (plan.remount) outcome = { mode: 'remount', reason: plan.remount };
    else outcome = { mode: 'refresh', changed: plan.changed };
    return exports;
  }

  /** Updates the mounted app in place after a `refresh` run. Returns what happened:
   * { refresh: true } when every component kept its state, else { refresh: false, reason }. */
  function apply() {
    var R = refreshRuntime();
    var result = R && R.performReactRefresh();
    var stale = [];
    if (result && result.staleFamilies) {
      result.staleFamilies.forEach(function (family) {
        var type = family.current;
        var name = type && (type.displayName || type.name || (type.render && type.render.name));
        stale.push(name || 'a component');
      });
    }
    if (stale.length)
      return { refresh: false, reason: 'the hooks of ' + stale.join(', ') + ' changed; remounted' };
    return { refresh: true };
  }

  window.AppBundleHot = {
    run: run,
    apply: apply,
    /** What the last `run` decided: { mode: 'mount' | 'remount' | 'refresh' | 'failed',
     * reason? }. */
    outcome: function () {
      return outcome;
    },
    /** The mounted app is gone (unmounted, failed): the next version mounts afresh. */
    reset: function (reason) {
      previous = null;
      unmounted = reason;
      outcome = { mode: 'mount', reason: reason };
    },
  };
})();
