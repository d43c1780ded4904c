"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { DocumentPane } from "@/components/review/document-pane";
import { Button } from "@/components/ui/button";
import { ShortcutsDialog } from "@/components/ui/shortcuts-dialog";
import { Table, TableCaption, TBody, Th, THead } from "@/components/ui/table";
import { useKeyMap } from "@/components/use-key-map";
import { keyLabel, keysOf } from "@/lib/keys/keymap";
import { CHECK_SHORTCUTS, type CheckCommand } from "@/lib/qa/check-keys";
import type { CheckItem } from "@/lib/qa/verdicts";
import { saveVerdictAction } from "./actions";
import { CheckFieldRow, type FieldVerdict } from "./check-field-row";
import { maskAadhaarInText } from "@/lib/masking";

const keyOf = (command: CheckCommand) => keyLabel(keysOf(CHECK_SHORTCUTS, command)[0] ?? "");

export function CheckWorkspace({ item }: { item: CheckItem }) {
  const router = useRouter();
  const [verdicts, setVerdicts] = useState<Record<string, FieldVerdict | null>>(() =>
    Object.fromEntries(item.fields.map((f) => [f.id, f.verdict])),
  );
  const [active, setActive] = useState(() =>
    Math.max(
      0,
      item.fields.findIndex((f) => !f.verdict),
    ),
  );
  const [editing, setEditing] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [saving, setSaving] = useState(0);
  const rowsRef = useRef<HTMLTableSectionElement>(null);

  const checked = item.fields.filter((f) => verdicts[f.id]).length;
  const total = item.fields.length;
  const nextDocument = item.nextUncheckedItemId ?? item.nextItemId;
  const href = (itemId: string) => `/qa/samples/${item.sampleId}/items/${itemId}`;

  const move = useCallback(
    (delta: number) => setActive((i) => Math.min(total - 1, Math.max(0, i + delta))),
    [total],
  );

  const save = useCallback(
    async (fieldId: string, verdict: FieldVerdict) => {
      const before = verdicts[fieldId] ?? null;
      setVerdicts((v) => ({ ...v, [fieldId]: verdict }));
      setSaving((n) => n + 1);
      const result = await saveVerdictAction({
        itemId: item.itemId,
        fieldId,
        correct: verdict.correct,
        rightValue: verdict.rightValue ?? undefined,
      });
      setSaving((n) => n - 1);
      if (!result.ok) {
        setVerdicts((v) => ({ ...v, [fieldId]: before }));
        toast.error(result.error.message);
        return false;
      }
      if (result.data.completed) toast.success("Document checked.", { id: `done-${item.itemId}` });
      return true;
    },
    [item.itemId, verdicts],
  );

  const markCorrect = useCallback(
    (index: number) => {
      const field = item.fields[index];
      if (!field) return;
      void save(field.id, { correct: true, rightValue: null });
      setEditing(null);
      move(1);
    },
    [item.fields, move, save],
  );

  const markIncorrect = useCallback(
    async (fieldId: string, rightValue: string) => {
      if (!rightValue.trim()) {
        toast.error("Type the right value first.");
        return;
      }
      setEditing(null);
      // Move on at once (as "c" does): a key pressed while the save is in flight must hit the next field.
      move(1);
      await save(fieldId, { correct: false, rightValue: rightValue.trim() });
    },
    [move, save],
  );

  const markRestCorrect = useCallback(() => {
    for (const field of item.fields)
      if (!verdicts[field.id]) void save(field.id, { correct: true, rightValue: null });
  }, [item.fields, save, verdicts]);

  const commands: Record<CheckCommand, () => void> = {
    "next-field": () => move(1),
    "previous-field": () => move(-1),
    accept: () => markCorrect(active),
    "mark-incorrect": () => {
      const field = item.fields[active];
      if (field) setEditing(field.id);
    },
    "next-document": () => {
      if (nextDocument) router.push(href(nextDocument));
    },
    "previous-document": () => {
      if (item.previousItemId) router.push(href(item.previousItemId));
    },
    help: () => setHelpOpen(true),
  };
  useKeyMap(CHECK_SHORTCUTS, (command) => commands[command](), helpOpen);

  useEffect(() => {
    rowsRef.current
      ?.querySelector<HTMLElement>(`[data-index="${active}"]`)
      ?.scrollIntoView({ block: "nearest" });
  }, [active]);

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      {/* The same guarded, audited file route as the review workspace: no raw file link here. */}
      <DocumentPane
        documentId={item.document.id}
        label={`Scan of ${maskAadhaarInText(item.document.externalId)}`}
      />
      <section aria-labelledby="fields-heading">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 id="fields-heading" className="text-lg font-semibold">
            Fields
          </h2>
          <p className="text-sm" role="status" aria-live="polite" data-testid="check-progress">
            {checked} of {total} fields checked
            {saving > 0 ? " · saving…" : checked === total ? " · all saved" : ""}
          </p>
        </div>
        <Table>
          <TableCaption>Fields to check</TableCaption>
          <THead>
            <tr>
              <Th className="px-3">Field</Th>
              <Th className="px-3">Atlas read</Th>
              {item.blind ? null : <Th className="px-3">Confidence</Th>}
              <Th className="px-3">Verdict</Th>
            </tr>
          </THead>
          <TBody ref={rowsRef} className="align-top">
            {item.fields.map((field, index) => (
              <CheckFieldRow
                key={field.id}
                field={field}
                documentType={item.document.documentType}
                index={index}
                blind={item.blind}
                active={index === active}
                editing={editing === field.id}
                verdict={verdicts[field.id] ?? null}
                onActivate={() => setActive(index)}
                onCorrect={() => {
                  setActive(index);
                  markCorrect(index);
                }}
                onStartIncorrect={() => {
                  setActive(index);
                  setEditing(field.id);
                }}
                onSubmitIncorrect={(value) => void markIncorrect(field.id, value)}
                onCancel={() => setEditing(null)}
              />
            ))}
          </TBody>
        </Table>
        <div className="mt-4 flex flex-wrap items-center gap-3 text-sm">
          <Button variant="secondary" onClick={markRestCorrect} disabled={checked === total}>
            Mark the rest correct
          </Button>
          {item.previousItemId ? (
            <Link href={href(item.previousItemId)} className="underline">
              Previous document ({keyOf("previous-document")})
            </Link>
          ) : null}
          {nextDocument ? (
            <Button asChild>
              <Link href={href(nextDocument)}>Next document ({keyOf("next-document")})</Link>
            </Button>
          ) : (
            <Link href={`/qa/samples/${item.sampleId}`} className="underline">
              Every document is checked: back to the sample
            </Link>
          )}
          <Button
            variant="link"
            onClick={() => setHelpOpen(true)}
            className="ml-auto text-current underline dark:text-current"
          >
            Keyboard shortcuts ({keyOf("help")})
          </Button>
        </div>
      </section>
      <ShortcutsDialog
        open={helpOpen}
        onOpenChange={setHelpOpen}
        keymap={CHECK_SHORTCUTS}
        description="Every verdict is saved as soon as it is given."
      />
    </div>
  );
}
