import type { AuditChange } from "@/lib/audit/diff";

/** An audit event's changes, one line per key: `key: old → new` (added keys show only the new value). */
export function AuditChanges({ changes, className }: { changes: AuditChange[]; className?: string }) {
  if (changes.length === 0) return null;
  return (
    <ul className={className} data-testid="audit-diff">
      {changes.map((c) => (
        <li key={c.path} className="break-words">
          {c.path ? <span className="font-medium">{c.path}: </span> : null}
          {c.before !== null ? (
            <del className="text-red-800 decoration-red-800/60 dark:text-red-300" data-testid="diff-before">
              {c.before}
            </del>
          ) : null}
          {c.before !== null && c.after !== null ? <span aria-hidden> → </span> : null}
          {c.before !== null && c.after !== null ? <span className="sr-only"> changed to </span> : null}
          {c.after !== null ? (
            <ins className="text-emerald-800 no-underline dark:text-emerald-300" data-testid="diff-after">
              {c.after}
            </ins>
          ) : (
            <span className="text-slate-600 dark:text-slate-400"> (removed)</span>
          )}
        </li>
      ))}
    </ul>
  );
}
