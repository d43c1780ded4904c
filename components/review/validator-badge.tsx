import type { FieldIssue } from "@/lib/documents/extract";

/** One validator finding, naming the check that failed (errors send the field to review). */
export function ValidatorBadge({ issue }: { issue: FieldIssue }) {
  return (
    <span
      className={`mb-1 mr-1 inline-block rounded px-1.5 py-0.5 ${
        issue.severity === "error"
          ? "bg-red-100 text-red-800 dark:bg-red-900/60 dark:text-red-200"
          : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300"
      }`}
      title={`Check ${issue.check}${issue.path.includes(".") || issue.path.includes("[") ? ` on ${issue.path}` : ""}`}
    >
      {issue.message}
      <span className="ml-1 font-mono text-[10px] opacity-70">{issue.check}</span>
    </span>
  );
}
