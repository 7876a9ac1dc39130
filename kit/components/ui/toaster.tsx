// The older shadcn toast API (`<Toaster />` from "@/components/ui/toaster" with `useToast`),
// drawn by sonner like the newer one.
export { Toaster } from "@/components/ui/sonner";
