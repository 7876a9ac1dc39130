// @appbundle/runtime: the built-ins every app may import, registered in the `core` bundle.
// A host page (the preview bridge, published-app server) may install `globalThis.AppBundleHost`
// with `storage` and `fetch`; without one, storage lives in memory and fetch is the browser's.
import { useCallback, useEffect, useState } from 'react';

// Each storage call ends with `{ scope }`: "app" (every visitor's) or "visitor" (this one's).
const memory = new Map();
function memoryItems(collection, options) {
  const key = `${(options && options.scope) || 'app'}:${collection}`;
  if (!memory.has(key)) memory.set(key, new Map());
  return memory.get(key);
}
const memoryStorage = {
  async list(collection, options) {
    return [...memoryItems(collection, options).values()];
  },
  async create(collection, item, options) {
    const id = item.id || Math.random().toString(36).slice(2) + Date.now().toString(36);
    const stored = { ...item, id };
    memoryItems(collection, options).set(id, stored);
    return stored;
  },
  async update(collection, id, patch, options) {
    const items = memoryItems(collection, options);
    const stored = { ...(items.get(id) || {}), ...patch, id };
    items.set(id, stored);
    return stored;
  },
  async remove(collection, id, options) {
    memoryItems(collection, options).delete(id);
  },
};
const SCOPES = ['app', 'visitor'];

function storage() {
  const host = globalThis.AppBundleHost;
  return (host && host.storage) || memoryStorage;
}

/**
 * CRUD over one collection: `{ items, loading, error, create, update, remove, refresh }`.
 * `options.scope`: "app" (default, shared by every visitor) or "visitor" (this visitor's own).
 */
export function useAppData(collection, options) {
  const scope = (options && options.scope) || 'app';
  if (!SCOPES.includes(scope)) {
    throw new Error(`useAppData("${collection}"): scope is "app" or "visitor", not "${scope}"`);
  }
  const [items, setItems] = useState([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState(null);
  const refresh = useCallback(async () => {
    try {
      setItems(await storage().list(collection, { scope }));
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [collection, scope]);
  useEffect(() => {
    refresh();
  }, [refresh]);
  const then = useCallback(
    async (result) => {
      await refresh();
      return result;
    },
    [refresh],
  );
  const create = useCallback(
    async (item) => then(await storage().create(collection, item, { scope })),
    [collection, scope, then],
  );
  const update = useCallback(
    async (id, patch) => then(await storage().update(collection, id, patch, { scope })),
    [collection, scope, then],
  );
  const remove = useCallback(
    async (id) => then(await storage().remove(collection, id, { scope })),
    [collection, scope, then],
  );
  return { items, loading, error, refresh, create, update, remove };
}

/** HTTP for apps: through the host when there is one, else the browser's fetch. */
export const SandboxAPI = {
  fetch(input, init) {
    const host = globalThis.AppBundleHost;
    return host && host.fetch ? host.fetch(input, init) : fetch(input, init);
  },
};
