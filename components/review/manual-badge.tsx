import { Badge } from "@/components/ui/badge";

/** Provenance of a field typed by a reviewer after a reclassification (not read by Atlas). */
export function ManualBadge() {
  return (
    <Badge tone="accent" shape="tag" className="mt-1" data-testid="manual-field">
      Typed by hand
    </Badge>
  );
}
