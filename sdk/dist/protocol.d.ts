export declare const SOURCE = "appbundle-preview";
export declare const VERSION = 1;
/** What every message carries. */
export interface Envelope {
    source: typeof SOURCE;
    version: typeof VERSION;
}
/** An app: file path → contents (`App.tsx`, `components/Chart.tsx`, `styles.css`, …). */
export type Files = Record<string, string>;
/** What the host answers `call`s for. */
export type Capability = 'storage' | 'fetch';
/** Renders an app, from its files (bundled by the service) or a bundle's hash. */
export interface LoadMessage extends Envelope {
    type: 'load';
    files?: Files;
    entry?: string;
    hash?: string;
    /** React Fast Refresh (state kept across edits); default true. */
    refresh?: boolean;
    /** A version the model is still writing: its failures keep the last good frame. */
    partial?: boolean;
    capabilities?: Capability[];
}
/** The answer to a `call`. */
export interface ResultMessage extends Envelope {
    type: 'result';
    id: number;
    ok: boolean;
    value?: unknown;
    error?: string;
}
export type HostMessage = LoadMessage | ResultMessage;
export interface ReadyMessage extends Envelope {
    type: 'ready';
}
export interface RenderedMessage extends Envelope {
    type: 'rendered';
    hash: string;
    /** From the load to the first frame painted after React's commit. */
    ms: number;
    /** The app was updated in place, its state kept. */
    refresh: boolean;
    /** Why it was mounted afresh, when `refresh` is false. */
    reason?: string;
    /** A streamed version. */
    partial?: boolean;
}
export type ErrorKind = 'build error' | 'render error' | 'runtime error' | 'unhandled rejection' | 'load error';
export interface ErrorMessage extends Envelope {
    type: 'error';
    kind: ErrorKind;
    message: string;
    /** Where in the app's TSX, through the source map. */
    file?: string;
    line?: number;
    column?: number;
    /** The lines around it, with a caret. */
    frame?: string;
    /** The diagnostic's code, for build errors (`unknown-package`, `blocked-import`, …). */
    code?: string;
}
export interface ConsoleMessage extends Envelope {
    type: 'console';
    level: 'log' | 'info' | 'warn' | 'error';
    args: string[];
}
export interface ResizeMessage extends Envelope {
    type: 'resize';
    /** The document's scroll height. */
    height: number;
}
/** `useAppData`'s operations; `args` follow the collection (`create(item)`, `update(id,
 * patch)`, `remove(id)`). */
export interface StorageCall {
    op: 'list' | 'create' | 'update' | 'remove';
    collection: string;
    args: unknown[];
    /** `app`: shared by every visitor; `visitor`: this visitor's own. */
    scope: 'app' | 'visitor';
}
/** `SandboxAPI.fetch`. */
export interface FetchCall {
    url: string;
    method: string;
    headers: Record<string, string>;
    body?: string;
}
/** What the host answers a fetch call with. */
export interface FetchAnswer {
    status: number;
    headers?: Record<string, string>;
    body?: string;
}
export type CallMessage = Envelope & {
    type: 'call';
    id: number;
} & ({
    kind: 'storage';
    payload: StorageCall;
} | {
    kind: 'fetch';
    payload: FetchCall;
});
export type PreviewMessage = ReadyMessage | RenderedMessage | ErrorMessage | ConsoleMessage | ResizeMessage | CallMessage;
/** Is `data` a message of this protocol? */
export declare function isPreviewMessage(data: unknown): data is PreviewMessage;
