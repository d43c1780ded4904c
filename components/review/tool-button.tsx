import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/** The small buttons of the document pane's toolbar (zoom, rotate, PDF pages). */
export function ToolButton({ className, ...props }: React.ComponentProps<typeof Button>) {
  return <Button variant="secondary" size="xs" className={cn("py-0.5 font-normal", className)} {...props} />;
}
