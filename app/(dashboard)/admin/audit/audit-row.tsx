import Link from "next/link";
import { AuditChanges } from "@/components/audit/audit-changes";
import { Td } from "@/components/ui/table";
import { auditActionLabel } from "@/lib/audit/actions";
import { auditDetails, auditDiff } from "@/lib/audit/diff";
import type { AuditTarget } from "@/lib/audit/targets";
import type { Formatter } from "@/lib/format";

export type AuditRowEvent = {
  id: number;
  at: Date;
  actorUserId: string | null;
  actorEmail: string | null;
  action: string;
  before: unknown;
  after: unknown;
  metadata: unknown;
  ip: string | null;
};

// Facts the target column already shows (the document's id) are not repeated as details.
const SHOWN_ELSEWHERE = ["documentId", "fieldId"];

/** One event: when, who (a link filtering by them), what, on what (by the ids people know), what changed. */
export function AuditRow({
  event: e,
  target,
  format,
  byActorHref,
}: {
  event: AuditRowEvent;
  target: AuditTarget | null;
  format: Formatter;
  byActorHref: string | null;
}) {
  const details = auditDetails(e.metadata, SHOWN_ELSEWHERE);
  return (
    <tr data-testid="audit-row">
      <Td className="px-3 text-xs tabular-nums">
        <time dateTime={e.at.toISOString()}>{format.dateTime(e.at, { seconds: true })}</time>
      </Td>
      <Td className="break-words px-3 text-xs">
        {byActorHref ? (
          <Link href={byActorHref} className="hover:underline" title="Only this person's events">
            {e.actorEmail}
          </Link>
        ) : (
          (e.actorEmail ?? "system")
        )}
      </Td>
      <Td className="px-3 text-xs">
        {auditActionLabel(e.action)}
        <span className="block font-mono text-slate-600 dark:text-slate-400">{e.action}</span>
      </Td>
      <Td className="break-words px-3 text-xs" data-testid="audit-target">
        {target ? (
          <>
            <span className="block text-slate-600 dark:text-slate-400">{target.kind}</span>
            {target.href ? (
              <Link
                href={target.href}
                className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
              >
                {target.label}
              </Link>
            ) : (
              <span className="font-medium">{target.label}</span>
            )}
            {target.detail ? (
              <span className="block text-slate-600 dark:text-slate-400">{target.detail}</span>
            ) : null}
          </>
        ) : (
          "—"
        )}
      </Td>
      <Td className="min-w-48 px-3 text-xs">
        <AuditChanges changes={auditDiff(e.before, e.after)} className="space-y-0.5" />
        {details.length ? (
          <dl className="mt-1 text-slate-600 dark:text-slate-400" data-testid="audit-details">
            {details.map((d) => (
              <div key={d.key} className="break-words">
                <dt className="inline">{d.key}: </dt>
                <dd className="inline">{d.value}</dd>
              </div>
            ))}
          </dl>
        ) : null}
      </Td>
      <Td className="break-all px-3 font-mono text-xs">{e.ip}</Td>
    </tr>
  );
}
