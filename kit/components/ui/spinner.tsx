import * as React from "react";

import { cn } from "@/lib/utils";
import { Loader2Icon } from "../../internal/icons";

function Spinner({ className, ...props }: React.ComponentProps<"svg">) {
  return (
    <Loader2Icon
      role="status"
      aria-label="Loading"
      aria-hidden={false}
      data-slot="spinner"
      className={cn("size-4 animate-spin", className)}
      {...props}
    />
  );
}

export { Spinner };
