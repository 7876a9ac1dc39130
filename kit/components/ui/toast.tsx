import * as React from "react";

import { cn } from "@/lib/utils";
import { buttonVariants } from "@/components/ui/button";

// shadcn's older toast API passes `action: <ToastAction altText="…">Undo</ToastAction>` to
// `toast()`; sonner draws the element inside the toast.
function ToastAction({
  className,
  altText,
  ...props
}: React.ComponentProps<"button"> & { altText?: string }) {
  return (
    <button
      data-slot="toast-action"
      aria-label={altText}
      className={cn(buttonVariants({ variant: "outline", size: "sm" }), "ml-auto", className)}
      {...props}
    />
  );
}

export { ToastAction };
