import * as React from "react";
import { Toaster as Sonner, type ToasterProps } from "sonner";

// shadcn's sonner wrapper: sonner's Toaster painted with the theme's popover colors. Pair it with
// `toast` from "sonner" (same bundle, so the two meet).
function Toaster(props: ToasterProps) {
  return (
    <Sonner
      className="toaster group"
      style={
        {
          "--normal-bg": "var(--popover)",
          "--normal-text": "var(--popover-foreground)",
          "--normal-border": "var(--border)",
        } as React.CSSProperties
      }
      {...props}
    />
  );
}

export { Toaster };
