// The host side of appbundle's preview: puts the sandboxed preview in an iframe, loads apps
// into it, and answers the app's storage and fetch calls. Bridge protocol v1 (./protocol.ts).
import {
  type Capability,
  type ConsoleMessage,
  type ErrorMessage,
  type FetchAnswer,
  type FetchCall,
  type Files,
  type HostMessage,
  isPreviewMessage,
  type LoadMessage,
  type PreviewMessage,
  type RenderedMessage,
  type ResizeMessage,
  SOURCE,
  type StorageCall,
  VERSION,
} from './protocol.js';

export * from './protocol.js';

/** The events a preview emits, with what each carries. */
export interface PreviewEvents {
  ready: undefined;
  rendered: RenderedMessage;
  error: ErrorMessage;
  console: ConsoleMessage;
  resize: ResizeMessage;
}

export interface PreviewOptions {
  /** The service's base URL (`https://bundle.example.com`); the preview is its `/preview`. */
  service: string;
  /** Answers the app's `useAppData` operations. Without it the preview keeps them in memory. */
  storage?: (call: StorageCall) => unknown;
  /** Answers the app's `SandboxAPI.fetch`, under the host's own policy. Without it the app gets
   * the browser's fetch, which the preview's CSP limits to the service. */
  fetch?: (call: FetchCall) => FetchAnswer | Promise<FetchAnswer>;
}

export interface LoadOptions {
  /** The entry file; the service guesses `App.tsx`, `index.tsx` or the only script. */
  entry?: string;
  /** A version the model is still writing (streaming): failures keep the last good frame. */
  partial?: boolean;
  /** React Fast Refresh, state kept across edits (default true). */
  refresh?: boolean;
}

export interface Preview {
  /** Renders `files`; before the preview is ready, the newest load waits for it. */
  load(files: Files, options?: LoadOptions): void;
  /** Renders a bundle the service made before (`/bundle/<hash>`). */
  loadHash(hash: string): void;
  /** Adds a handler; returns the function that removes it. */
  on<E extends keyof PreviewEvents>(
    event: E,
    handler: (data: PreviewEvents[E]) => void,
  ): () => void;
  /** Stops listening and empties the iframe. */
  destroy(): void;
}

type Handlers = { [E in keyof PreviewEvents]: Set<(data: PreviewEvents[E]) => void> };

/** Points `iframe` at the service's preview (sandboxed: scripts and forms, never the same
 * origin) and returns the handle that drives it. */
export function createPreview(iframe: HTMLIFrameElement, options: PreviewOptions): Preview {
  const url = new URL('/preview', options.service);
  url.searchParams.set('hostOrigin', window.location.origin);
  const sandbox = iframe.getAttribute('sandbox');
  if (sandbox === null) iframe.setAttribute('sandbox', 'allow-scripts allow-forms');
  else if (/\ballow-same-origin\b/.test(sandbox))
    throw new Error(
      'the preview must not run with allow-same-origin: the app would reach the host',
    );
  const capabilities: Capability[] = [];
  if (options.storage) capabilities.push('storage');
  if (options.fetch) capabilities.push('fetch');

  const handlers: Handlers = {
    ready: new Set(),
    rendered: new Set(),
    error: new Set(),
    console: new Set(),
    resize: new Set(),
  };
  let ready = false;
  let waiting: LoadMessage | null = null;

  // The preview's origin is opaque (sandboxed): '*' is the only target that reaches it.
  const send = (message: HostMessage) => iframe.contentWindow?.postMessage(message, '*');
  const sendLoad = (message: LoadMessage) => {
    if (ready) send(message);
    else waiting = message;
  };
  const emit = <E extends keyof PreviewEvents>(event: E, data: PreviewEvents[E]) => {
    for (const handler of handlers[event]) handler(data);
  };

  async function answer(message: Extract<PreviewMessage, { type: 'call' }>) {
    const reply = (ok: boolean, value: unknown) =>
      send({
        source: SOURCE,
        version: VERSION,
        type: 'result',
        id: message.id,
        ok,
        value: ok ? value : undefined,
        error: ok ? undefined : String(value instanceof Error ? value.message : value),
      });
    try {
      if (message.kind === 'storage' && options.storage)
        reply(true, await options.storage(message.payload));
      else if (message.kind === 'fetch' && options.fetch)
        reply(true, await options.fetch(message.payload));
      else reply(false, `this host does not answer ${message.kind} calls`);
    } catch (error) {
      reply(false, error);
    }
  }

  const serviceOrigin = url.origin;
  function onMessage(event: MessageEvent) {
    if (event.source !== iframe.contentWindow) return;
    if (event.origin !== 'null' && event.origin !== serviceOrigin) return;
    const message = event.data;
    if (!isPreviewMessage(message)) return;
    switch (message.type) {
      case 'ready':
        ready = true;
        if (waiting) send(waiting);
        waiting = null;
        emit('ready', undefined);
        break;
      case 'call':
        void answer(message);
        break;
      default:
        // rendered, error, console, resize: each event carries its message.
        for (const handler of handlers[message.type] as Set<(data: typeof message) => void>)
          handler(message);
    }
  }
  window.addEventListener('message', onMessage);
  iframe.src = url.href;

  const envelope = { source: SOURCE, version: VERSION, type: 'load', capabilities } as const;
  return {
    load(files, loadOptions = {}) {
      sendLoad({
        ...envelope,
        files,
        entry: loadOptions.entry,
        partial: loadOptions.partial || undefined,
        refresh: loadOptions.refresh,
      });
    },
    loadHash(hash) {
      sendLoad({ ...envelope, hash });
    },
    on(event, handler) {
      handlers[event].add(handler);
      return () => {
        handlers[event].delete(handler);
      };
    },
    destroy() {
      window.removeEventListener('message', onMessage);
      for (const set of Object.values(handlers)) set.clear();
      iframe.src = 'about:blank';
    },
  };
}
