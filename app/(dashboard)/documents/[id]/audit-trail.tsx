import { AuditChanges } from "@/components/audit/audit-changes";
import { fieldLabel } from "@/lib/fields/registry";
import { Card } from "@/components/ui/card";
import { auditDiff } from "@/lib/audit/diff";
import { serverFormatter } from "@/lib/format/server";
import type { AuditTrailEntry } from "@/lib/review/audit-trail";
import { DocumentTypeName } from "@/components/documents/document-type-name";

const VERB: Record<string, string> = {
  "field.accept": "accepted",
  "field.correct": "corrected",
  "field.unreadable": "marked unreadable",
  "field.reset": "reset",
  "field.accept_all": "accepted all fields above threshold",
  "document.approve": "approved the document",
  "document.reject": "rejected the document",
  "document.reopen": "reopened the document",
  "pii.reveal": "revealed the masked value of",
  "field.undo": "undid the last change of",
  "document.reupload_requested": "requested a re-upload",
  "document.reclassify": "reclassified the document",
  "document.skip": "skipped the document for now",
  "comment.add": "commented",
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  return typeof value === "string" ? value : JSON.stringify(value);
}

type Change = {
  state?: string;
  value?: unknown;
  fields?: string[];
  reason?: string;
  code?: string;
  comment?: string;
  documentType?: string;
};

/** The document's audit trail: who did what, when, and the value before and after (masked). */
export function AuditTrail({
  events,
  documentType,
}: {
  events: AuditTrailEntry[];
  /** The document's type, to name fields by their labels ("PAN number"). */
  documentType: string | null;
}) {
  const format = serverFormatter();
  return (
    <section aria-labelledby="audit-heading" className="mt-8">
      <h2 id="audit-heading" className="text-lg font-semibold">
        Audit trail
      </h2>
      {events.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">Nobody has reviewed this document yet.</p>
      ) : (
        <ol className="mt-3 space-y-1 text-sm" data-testid="audit-trail">
          {events.map((e) => {
            const meta = (e.metadata ?? {}) as { field?: string; scan?: boolean };
            const before = (e.before ?? {}) as Change;
            const after = (e.after ?? {}) as Change;
            return (
              <Card asChild padding="none" key={e.id} className="rounded px-3 py-1.5">
                <li data-testid="audit-event">
                  <time
                    dateTime={e.at.toISOString()}
                    className="mr-2 text-xs tabular-nums text-slate-600 dark:text-slate-400"
                  >
                    {format.dateTime(e.at, { seconds: true })}
                  </time>
                  <span className="font-medium">{e.actorEmail ?? "system"}</span>{" "}
                  {meta.scan ? "viewed the scan (it shows an Aadhaar number)" : (VERB[e.action] ?? e.action)}
                  {meta.field ? <> {fieldLabel(documentType, meta.field)}</> : null}
                  {e.action.startsWith("field.") && e.action !== "field.accept_all" ? (
                    <span className="ml-1">
                      :{" "}
                      <span data-testid="audit-before" className="text-slate-500">
                        {before.state} “{show(before.value)}”
                      </span>{" "}
                      →{" "}
                      <span data-testid="audit-after">
                        {after.state} “{show(after.value)}”
                      </span>
                    </span>
                  ) : null}
                  {e.action === "field.accept_all" && after.fields ? (
                    <span className="ml-1 text-slate-500">({after.fields.join(", ")})</span>
                  ) : null}
                  {after.code ? <span className="ml-1 font-mono text-xs">{after.code}</span> : null}
                  {after.reason ? <span className="ml-1">— “{after.reason}”</span> : null}
                  {e.action === "document.reclassify" ? (
                    <span className="ml-1">
                      from{" "}
                      {before.documentType ? (
                        <DocumentTypeName type={before.documentType} withCode />
                      ) : (
                        "no type"
                      )}{" "}
                      to{" "}
                      {after.documentType ? (
                        <DocumentTypeName type={after.documentType} withCode />
                      ) : (
                        "no type"
                      )}
                    </span>
                  ) : null}
                  {after.comment ? (
                    <span className="ml-1" data-testid="audit-comment">
                      : “{after.comment}”
                    </span>
                  ) : null}
                  {!e.action.startsWith("field.") && !meta.scan ? (
                    <AuditChanges
                      changes={auditDiff(e.before, e.after).filter(
                        (c) => !["reason", "code", "comment"].includes(c.path),
                      )}
                      className="ml-1 inline-flex flex-wrap gap-x-3 text-xs text-slate-600 dark:text-slate-400"
                    />
                  ) : null}
                </li>
              </Card>
            );
          })}
        </ol>
      )}
    </section>
  );
}
