"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { DocumentPane } from "@/components/review/document-pane";
import { ShortcutsDialog } from "@/components/review/shortcuts-dialog";
import { commandFor, isTypingTarget } from "@/lib/review/keys";
import type { FieldView, LockView } from "@/lib/review/types";
import { nextDocumentAction } from "../../review/actions";
import { queueQuery, type QueueContext } from "../../review/search-params";
import {
  acceptAllAction,
  approveAction,
  rejectAction,
  reopenAction,
  revealAction,
  reviewFieldAction,
} from "./actions";
import { DecisionBar, type DocumentState } from "./decision-bar";
import { FieldRow } from "./field-row";
import { FieldsTable } from "./fields-table";
import { RejectDialog } from "./reject-dialog";
import { useLockHeartbeat } from "./use-lock-heartbeat";

export type Navigation = {
  mode: "queue" | "batch";
  previousHref: string | null;
  nextHref: string | null;
  queue: QueueContext;
};

type Props = {
  doc: DocumentState;
  fields: FieldView[];
  lock: LockView;
  viewer: { id: string; name: string };
  canReview: boolean;
  canReveal: boolean;
  lockMs: number;
  nav: Navigation;
};

type Failure = { message: string; details?: unknown };

/** Newer local copies (after a save) win over props until the server catches up. */
function merge(local: FieldView[], server: FieldView[]): FieldView[] {
  return server.map((s) => {
    const l = local.find((f) => f.id === s.id);
    return l && l.version > s.version ? l : s;
  });
}

export function Workspace(props: Props) {
  const { doc, canReview, canReveal, nav } = props;
  const router = useRouter();
  const [fields, setFields] = useState(props.fields);
  const [lock, setLock] = useState(props.lock);
  // After router.refresh(): take the server's state, keeping local saves it has not seen yet.
  const [seen, setSeen] = useState({ fields: props.fields, lock: props.lock });
  if (seen.fields !== props.fields || seen.lock !== props.lock) {
    setSeen({ fields: props.fields, lock: props.lock });
    setFields((local) => merge(local, props.fields));
    setLock(props.lock);
  }
  // Groups are fixed when the page opens, so rows do not jump while the reviewer works.
  const [flagged] = useState(
    () => new Set(props.fields.filter((f) => f.reasons.length > 0).map((f) => f.id)),
  );
  const ordered = useMemo(() => {
    const byPosition = [...fields].sort((a, b) => a.position - b.position);
    return [...byPosition.filter((f) => flagged.has(f.id)), ...byPosition.filter((f) => !flagged.has(f.id))];
  }, [fields, flagged]);
  const [current, setCurrent] = useState(() =>
    Math.max(
      0,
      ordered.findIndex((f) => f.needsReview),
    ),
  );
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState("");
  const [conflicts, setConflicts] = useState<Record<string, string>>({});
  const [revealed, setRevealed] = useState<Record<string, { value: string; correctedValue: string | null }>>(
    {},
  );
  const [busy, setBusy] = useState(false);
  const [help, setHelp] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);

  const closed = doc.reviewStatus === "approved" || doc.reviewStatus === "rejected";
  const canAct = canReview && !lock.heldByOther && !closed && doc.status === "extracted";
  const left = fields.filter((f) => f.needsReview).length;
  useLockHeartbeat(doc.id, props.lockMs, canReview && !closed, setLock);

  useEffect(() => {
    rows.current[current]?.focus({ preventScroll: false });
    rows.current[current]?.scrollIntoView?.({ block: "nearest" });
  }, [current]);

  const mine = useCallback(
    () =>
      setLock({
        ownerId: props.viewer.id,
        ownerName: props.viewer.name,
        expiresAt: null,
        heldByOther: false,
        mine: true,
      }),
    [props.viewer],
  );

  const failed = useCallback((error: Failure, fieldId?: string) => {
    const details = error.details as { field?: FieldView; lock?: LockView } | undefined;
    if (details?.lock) setLock(details.lock);
    if (details?.field && fieldId) {
      const fresh = details.field;
      setFields((list) => list.map((f) => (f.id === fresh.id ? fresh : f)));
      setConflicts((c) => ({ ...c, [fieldId]: error.message }));
    }
    toast.error(error.message);
  }, []);

  const goToDocument = useCallback(
    async (direction: "next" | "previous") => {
      if (direction === "previous" || nav.mode === "batch") {
        const href = direction === "next" ? nav.nextHref : nav.previousHref;
        if (href) router.push(href);
        else toast.info(`This is the ${direction === "next" ? "last" : "first"} document.`);
        return;
      }
      const result = await nextDocumentAction({ ...nav.queue, after: doc.id });
      if (!result.ok) return toast.error(result.error.message);
      if (result.data.documentId)
        router.push(`/documents/${result.data.documentId}?${queueQuery(nav.queue)}`);
      else {
        toast.success("The queue is empty: nothing left to review here.");
        router.push("/review");
      }
    },
    [doc.id, nav, router],
  );

  async function changeField(field: FieldView, change: Parameters<typeof reviewFieldAction>[0]["change"]) {
    if (!canAct)
      return toast.error(
        closed
          ? "This document is decided; reopen it to change a field."
          : "Someone else holds this document.",
      );
    setBusy(true);
    const result = await reviewFieldAction({
      documentId: doc.id,
      fieldId: field.id,
      version: field.version,
      change,
    });
    setBusy(false);
    if (!result.ok) return failed(result.error, field.id);
    const saved = result.data.field;
    setFields((list) => list.map((f) => (f.id === saved.id ? saved : f)));
    setConflicts(({ [field.id]: _gone, ...rest }) => rest);
    setEditing(null);
    mine();
    setCurrent((i) => Math.min(i + 1, ordered.length - 1));
    if (result.data.needsReviewCount === 0 && left > 0)
      toast.success("Every flagged field is done: press p to approve.");
    router.refresh();
  }

  async function decide(kind: "approve" | "reject" | "reopen", reason?: string) {
    setBusy(true);
    const input = { documentId: doc.id, version: doc.version };
    const result =
      kind === "approve"
        ? await approveAction(input)
        : kind === "reject"
          ? await rejectAction({ ...input, reason: reason ?? "" })
          : await reopenAction(input);
    setBusy(false);
    if (!result.ok) return failed(result.error);
    setRejecting(false);
    toast.success(kind === "approve" ? "Approved" : kind === "reject" ? "Rejected" : "Reopened");
    if (kind !== "reopen" && nav.mode === "queue") await goToDocument("next");
    else router.refresh();
  }

  async function acceptAll() {
    if (!canAct) return;
    setBusy(true);
    const result = await acceptAllAction({ documentId: doc.id });
    setBusy(false);
    if (!result.ok) return failed(result.error);
    setFields(result.data.fields);
    mine();
    toast.success(
      result.data.accepted.length
        ? `Accepted ${result.data.accepted.length} fields above threshold`
        : "No pending field is above its threshold",
    );
    router.refresh();
  }

  async function reveal(field: FieldView) {
    const result = await revealAction({ fieldId: field.id });
    if (!result.ok) return toast.error(result.error.message);
    setRevealed((r) => ({ ...r, [field.id]: result.data }));
    window.setTimeout(() => setRevealed(({ [field.id]: _gone, ...rest }) => rest), 30_000);
    router.refresh();
  }

  function startEditing(field: FieldView) {
    if (!canAct) return toast.error("This document cannot be changed now.");
    setDraft(field.editText);
    setEditing(field.id);
  }

  const onKey = useRef<(e: KeyboardEvent) => void>(() => undefined);
  const handleKey = (e: KeyboardEvent) => {
    if (help || rejecting || editing || e.defaultPrevented || isTypingTarget(e.target)) return;
    const target = e.target as HTMLElement | null;
    if ((e.key === "Enter" || e.key === " ") && target && ["BUTTON", "A", "SUMMARY"].includes(target.tagName))
      return;
    const command = commandFor(e);
    if (!command) return;
    e.preventDefault();
    const field = ordered[current];
    if (busy && !["next-field", "previous-field", "help"].includes(command)) return;
    switch (command) {
      case "next-field":
        return setCurrent((i) => Math.min(i + 1, ordered.length - 1));
      case "previous-field":
        return setCurrent((i) => Math.max(i - 1, 0));
      case "accept":
        return field && void changeField(field, { kind: "accept" });
      case "unreadable":
        return field && void changeField(field, { kind: "unreadable" });
      case "edit":
        return field && startEditing(field);
      case "accept-all":
        return void acceptAll();
      case "approve":
        return canAct ? void decide("approve") : undefined;
      case "reject":
        return canAct ? setRejecting(true) : undefined;
      case "next-document":
        return void goToDocument("next");
      case "previous-document":
        return void goToDocument("previous");
      case "help":
        return setHelp(true);
    }
  };
  useEffect(() => {
    onKey.current = handleKey;
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey.current(e);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  const renderRow = (field: FieldView) => {
    const index = ordered.indexOf(field);
    return (
      <FieldRow
        key={field.id}
        ref={(el) => {
          rows.current[index] = el;
        }}
        field={field}
        documentType={doc.documentType}
        current={index === current}
        editing={editing === field.id}
        draft={draft}
        conflict={conflicts[field.id] ?? null}
        revealed={revealed[field.id] ?? null}
        canAct={canAct}
        canReveal={canReveal}
        handlers={{
          onFocusRow: () => setCurrent(index),
          onAccept: () => void changeField(field, { kind: "accept" }),
          onEdit: () => startEditing(field),
          onUnreadable: () => void changeField(field, { kind: "unreadable" }),
          onDraft: setDraft,
          onSave: () => void changeField(field, { kind: "correct", text: draft }),
          onCancel: () => {
            setEditing(null);
            rows.current[index]?.focus();
          },
          onReveal: () => void reveal(field),
        }}
      />
    );
  };

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,4fr)_minmax(0,6fr)]">
      <div className="lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start">
        <DocumentPane documentId={doc.id} label={`Scan of ${doc.documentId}`} />
      </div>
      <div>
        <DecisionBar
          doc={doc}
          lock={lock}
          left={left}
          canReview={canReview}
          canAct={canAct}
          busy={busy}
          onAcceptAll={() => void acceptAll()}
          onApprove={() => void decide("approve")}
          onReject={() => setRejecting(true)}
          onReopen={() => void decide("reopen")}
          onHelp={() => setHelp(true)}
        />
        <FieldsTable
          flagged={ordered.filter((f) => flagged.has(f.id)).map(renderRow)}
          others={ordered.filter((f) => !flagged.has(f.id)).map(renderRow)}
          left={left}
        />
        <p className="mt-2 text-xs text-slate-500">
          j/k move · a accept · e correct · u unreadable · Shift+A accept all · p approve · r reject · ]/[
          next/previous document · ? all keys
        </p>
      </div>
      <ShortcutsDialog open={help} onOpenChange={setHelp} />
      <RejectDialog
        open={rejecting}
        onOpenChange={setRejecting}
        busy={busy}
        onReject={(reason) => void decide("reject", reason)}
      />
    </div>
  );
}
