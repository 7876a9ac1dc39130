// Bridge protocol v1 between a host page and appbundle's preview (`/preview`, a sandboxed,
// opaque-origin iframe). Every message is an object with `source: "appbundle-preview"` and
// `version: 1`; the preview accepts messages from its parent window only.
export const SOURCE = 'appbundle-preview';
export const VERSION = 1;
/** Is `data` a message of this protocol? */
export function isPreviewMessage(data) {
    if (!data || typeof data !== 'object')
        return false;
    const message = data;
    return (message.source === SOURCE && message.version === VERSION && typeof message.type === 'string');
}
