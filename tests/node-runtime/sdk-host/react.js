// The host page's React: the service's `core` bundle, loaded before as a classic script, seen
// as the `react` module the SDK's component imports (an import map points `react` here).
const React = window.AppDependencies.core.react;
export default React;
export const { createElement, useEffect, useRef, useState } = React;
