// shadcn keeps `useToast` in hooks/ in newer layouts and in components/ui/ in older ones.
export { toast, useToast } from "@/components/ui/use-toast";
