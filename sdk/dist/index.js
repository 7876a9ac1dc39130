// The host side of appbundle's preview: puts the sandboxed preview in an iframe, loads apps
// into it, and answers the app's storage and fetch calls. Bridge protocol v1 (./protocol.ts).
import { isPreviewMessage, SOURCE, VERSION, } from './protocol.js';
export * from './protocol.js';
/** Points `iframe` at the service's preview (sandboxed: scripts and forms, never the same
 * origin) and returns the handle that drives it. */
export function createPreview(iframe, options) {
    const url = new URL('/preview', options.service);
    url.searchParams.set('hostOrigin', window.location.origin);
    const sandbox = iframe.getAttribute('sandbox');
    if (sandbox === null)
        iframe.setAttribute('sandbox', 'allow-scripts allow-forms');
    else if (/\ballow-same-origin\b/.test(sandbox))
        throw new Error('the preview must not run with allow-same-origin: the app would reach the host');
    const capabilities = [];
    if (options.storage)
        capabilities.push('storage');
    if (options.fetch)
        capabilities.push('fetch');
    const handlers = {
        ready: new Set(),
        rendered: new Set(),
        error: new Set(),
        console: new Set(),
        resize: new Set(),
    };
    let ready = false;
    let waiting = null;
    // The preview's origin is opaque (sandboxed): '*' is the only target that reaches it.
    const send = (message) => iframe.contentWindow?.postMessage(message, '*');
    const sendLoad = (message) => {
        if (ready)
            send(message);
        else
            waiting = message;
    };
    const emit = (event, data) => {
        for (const handler of handlers[event])
            handler(data);
    };
    async function answer(message) {
        const reply = (ok, value) => send({
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
            else
                reply(false, `this host does not answer ${message.kind} calls`);
        }
        catch (error) {
            reply(false, error);
        }
    }
    const serviceOrigin = url.origin;
    function onMessage(event) {
        if (event.source !== iframe.contentWindow)
            return;
        if (event.origin !== 'null' && event.origin !== serviceOrigin)
            return;
        const message = event.data;
        if (!isPreviewMessage(message))
            return;
        switch (message.type) {
            case 'ready':
                ready = true;
                if (waiting)
                    send(waiting);
                waiting = null;
                emit('ready', undefined);
                break;
            case 'call':
                void answer(message);
                break;
            default:
                // rendered, error, console, resize: each event carries its message.
                for (const handler of handlers[message.type])
                    handler(message);
        }
    }
    window.addEventListener('message', onMessage);
    iframe.src = url.href;
    const envelope = { source: SOURCE, version: VERSION, type: 'load', capabilities };
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
            for (const set of Object.values(handlers))
                set.clear();
            iframe.src = 'about:blank';
        },
    };
}
