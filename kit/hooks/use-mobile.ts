import * as React from "react";

const MOBILE_BREAKPOINT = 768;

// Whether the viewport is narrower than the `md` breakpoint, kept up to date as it resizes.
export function useIsMobile() {
  const [isMobile, setIsMobile] = React.useState<boolean | undefined>(undefined);

  React.useEffect(() => {
    const query = window.matchMedia(`(max-width: ${MOBILE_BREAKPOINT - 1}px)`);
    const onChange = () => setIsMobile(window.innerWidth < MOBILE_BREAKPOINT);
    query.addEventListener("change", onChange);
    setIsMobile(window.innerWidth < MOBILE_BREAKPOINT);
    return () => query.removeEventListener("change", onChange);
  }, []);

  return !!isMobile;
}
