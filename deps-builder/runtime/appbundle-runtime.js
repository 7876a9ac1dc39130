// @appbundle/runtime: the built-ins every app may import, registered in the `core` bundle.
// A host page (the preview bridge, published-app server) may install `globalThis.AppBundleHost`
// with `storage` and `fetch`; without one, storage lives in memory and fetch is the browser's.
import { useCallback, useEffect, useState } from 'react';

const memory = new Map();
const memoryStorage = {
  async list(collection) {
    return [...(memory.get(collection) || new Map()).values()];
  },
  async create(collection, item) {
    const items = memory.get(collection) || new Map();
    const id = item.id || Math.random().toString(36).slice(2) + Date.now().toString(36);
    const stored = { ...item, id };
    items.set(id, stored);
    memory.set(collection, items);
    return stored;
  },
  async update(collection, id, patch) {
    const items = memory.get(collection) || new Map();
    const stored = { ...(items.get(id) || {}), ...patch, id };
    items.set(id, stored);
    memory.set(collection, items);
    return stored;
  },
  async remove(collection, id) {
    (memory.get(collection) || new Map()).delete(id);
  },
};

function storage() {
  const host = globalThis.AppBundleHost;
  return (host && host.storage) || memoryStorage;
}

/** CRUD over one collection: `{ items, loading, error, create, update, remove, refresh }`. */
export function useAppData(collection) {
  const [items, setItems] = useState([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState(null);
  const refresh = useCallback(async () => {
    try {
      setItems(await storage().list(collection));
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [collection]);
  useEffect(() => {
    refresh();
  }, [refresh]);
  const run = useCallback(
    (action) =>
      async (...args) => {
        const result = await storage()[action](collection, ...args);
        await refresh();
        return result;
      },
    [collection, refresh],
  );
  return {
    items,
    loading,
    error,
    refresh,
    create: run('create'),
    update: run('update'),
    remove: run('remove'),
  };
}

/** HTTP for apps: through the host when there is one, else the browser's fetch. */
export const SandboxAPI = {
  fetch(input, init) {
    const host = globalThis.AppBundleHost;
    return host && host.fetch ? host.fetch(input, init) : fetch(input, init);
  },
};
