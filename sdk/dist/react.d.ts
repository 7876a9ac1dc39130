import { type CSSProperties } from 'react';
import { type ConsoleMessage, type ErrorMessage, type Files, type PreviewOptions, type RenderedMessage, type ResizeMessage } from './index.js';
export interface AppPreviewProps {
    /** The app: file path → contents. A new object renders the new version. */
    files: Files;
    /** The service's base URL. */
    service: string;
    entry?: string;
    /** The model is still writing this version. */
    partial?: boolean;
    /** React Fast Refresh (default true). */
    refresh?: boolean;
    storage?: PreviewOptions['storage'];
    fetch?: PreviewOptions['fetch'];
    onRendered?: (message: RenderedMessage) => void;
    onError?: (message: ErrorMessage) => void;
    onConsole?: (message: ConsoleMessage) => void;
    onResize?: (message: ResizeMessage) => void;
    /** Grow the iframe to the app's height. */
    autoHeight?: boolean;
    title?: string;
    className?: string;
    style?: CSSProperties;
}
export declare function AppPreview(props: AppPreviewProps): import("react").DetailedReactHTMLElement<{
    ref: import("react").RefObject<HTMLIFrameElement | null>;
    title: string;
    className: string | undefined;
    style: CSSProperties | undefined;
    sandbox: string;
}, HTMLIFrameElement>;
