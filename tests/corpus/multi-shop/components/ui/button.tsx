import * as React from "react";

type Props = React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "solid" | "outline" };

// The shop's own button (not shadcn's): pill-shaped, green.
export const Button = React.forwardRef<HTMLButtonElement, Props>(({ variant = "solid", className = "", ...props }, ref) => (
  <button
    ref={ref}
    className={`rounded-full px-4 py-2 text-sm font-medium ${
      variant === "outline" ? "border border-green-700 text-green-800" : "bg-green-700 text-white"
    } ${className}`}
    {...props}
  />
));
Button.displayName = "Button";
