import { type ConsoleMessage, type ErrorMessage, type FetchAnswer, type FetchCall, type Files, type RenderedMessage, type ResizeMessage, type StorageCall } from './protocol.js';
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
    on<E extends keyof PreviewEvents>(event: E, handler: (data: PreviewEvents[E]) => void): () => void;
    /** Stops listening and empties the iframe. */
    destroy(): void;
}
/** Points `iframe` at the service's preview (sandboxed: scripts and forms, never the same
 * origin) and returns the handle that drives it. */
export declare function createPreview(iframe: HTMLIFrameElement, options: PreviewOptions): Preview;
