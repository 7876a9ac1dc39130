// <AppPreview>: appbundle's preview as a React component, on top of createPreview.
import { type CSSProperties, createElement, useEffect, useRef } from 'react';
import {
  type ConsoleMessage,
  createPreview,
  type ErrorMessage,
  type Files,
  type Preview,
  type PreviewOptions,
  type RenderedMessage,
  type ResizeMessage,
} from './index.js';

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

export function AppPreview(props: AppPreviewProps) {
  const frame = useRef<HTMLIFrameElement>(null);
  const preview = useRef<Preview | null>(null);
  // Handlers read the newest props without re-creating the preview.
  const latest = useRef(props);
  latest.current = props;
  const answersStorage = !!props.storage;
  const answersFetch = !!props.fetch;

  useEffect(() => {
    const iframe = frame.current;
    if (!iframe) return;
    const created = createPreview(iframe, {
      service: props.service,
      storage: answersStorage ? (call) => latest.current.storage?.(call) : undefined,
      fetch: answersFetch
        ? (call) => {
            const answer = latest.current.fetch;
            return answer ? answer(call) : { status: 501, body: 'no fetch handler' };
          }
        : undefined,
    });
    preview.current = created;
    const off = [
      created.on('rendered', (m) => latest.current.onRendered?.(m)),
      created.on('error', (m) => latest.current.onError?.(m)),
      created.on('console', (m) => latest.current.onConsole?.(m)),
      created.on('resize', (m) => {
        if (latest.current.autoHeight) iframe.style.height = `${m.height}px`;
        latest.current.onResize?.(m);
      }),
    ];
    return () => {
      for (const remove of off) remove();
      created.destroy();
      preview.current = null;
    };
  }, [props.service, answersStorage, answersFetch]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new service is a new preview, which needs the app again
  useEffect(() => {
    preview.current?.load(props.files, {
      entry: props.entry,
      partial: props.partial,
      refresh: props.refresh,
    });
  }, [props.files, props.entry, props.partial, props.refresh, props.service]);

  return createElement('iframe', {
    ref: frame,
    title: props.title ?? 'App preview',
    className: props.className,
    style: props.style,
    sandbox: 'allow-scripts allow-forms',
  });
}
