import * as React from "react";
import { toast as sonnerToast } from "sonner";

// shadcn's older `toast({ title, description, variant, action })`, shown by sonner.
type ToastOptions = {
  title?: React.ReactNode;
  description?: React.ReactNode;
  variant?: "default" | "destructive";
  duration?: number;
  action?: { label: string; onClick: () => void } | React.ReactNode;
};

function toast({ title, description, variant, duration, action }: ToastOptions) {
  // sonner takes either an action object or an element (`<ToastAction>` from ./toast).
  const options = { description, duration, action };
  const id =
    variant === "destructive" ? sonnerToast.error(title, options) : sonnerToast(title, options);
  return {
    id: String(id),
    dismiss: () => sonnerToast.dismiss(id),
    update: (next: ToastOptions) => sonnerToast(next.title, { id, description: next.description }),
  };
}

function useToast() {
  return React.useMemo(
    () => ({
      toast,
      dismiss: (id?: string | number) => sonnerToast.dismiss(id),
      toasts: [] as never[],
    }),
    [],
  );
}

export { toast, useToast };
