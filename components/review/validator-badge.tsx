import { Badge } from "@/components/ui/badge";
import type { FieldIssue } from "@/lib/documents/extract";

/** One validator finding, naming the check that failed (errors send the field to review). */
export function ValidatorBadge({ issue }: { issue: FieldIssue }) {
  return (
    <Badge
      tone={issue.severity === "error" ? "danger" : "neutral"}
      shape="tag"
      className="mb-1 mr-1 inline-block"
      title={`Check ${issue.check}${issue.path.includes(".") || issue.path.includes("[") ? ` on ${issue.path}` : ""}`}
    >
      {issue.message}{" "}
      {/* A space before the check's id and breaks inside it: "unreadable.manual_entry" or
          "failed.aadhaar.verhoeff" as one unbreakable word would widen the narrow "why" column. */}
      <span className="font-mono text-[10px] opacity-70 [overflow-wrap:anywhere]">{issue.check}</span>
    </Badge>
  );
}
