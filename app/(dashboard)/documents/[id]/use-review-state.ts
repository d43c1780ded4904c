"use client";

import { useRouter } from "next/navigation";
import { useCallback, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { keyLabel, keysOf } from "@/lib/keys/keymap";
import { SHORTCUTS } from "@/lib/review/keys";
import { isClosedReview, type FieldView, type LockView } from "@/lib/review/types";
import { nextDocumentAction } from "../../review/actions";
import type { QueueContext } from "../../review/search-params";
import {
  acceptAllAction,
  approveAction,
  rejectAction,
  reopenAction,
  revealAction,
  reviewFieldAction,
} from "./actions";
import type { DocumentState } from "./decision-bar";
import { queueDocumentHref } from "./search-params";
import { useLockHeartbeat } from "./use-lock-heartbeat";

export type Navigation = {
  mode: "queue" | "batch";
  previousHref: string | null;
  nextHref: string | null;
  queue: QueueContext;
  /** The document `n` most likely shows next, fetched ahead (in the queue, `n` still claims one). */
  prefetch?: { id: string; href: string } | null;
};

export type WorkspaceProps = {
  doc: DocumentState;
  fields: FieldView[];
  lock: LockView;
  viewer: { id: string; name: string };
  canReview: boolean;
  canReveal: boolean;
  lockMs: number;
  nav: Navigation;
};

export type FieldChange = Parameters<typeof reviewFieldAction>[0]["change"];
type Failure = { message: string; details?: unknown };

const APPROVE_KEY = keyLabel(keysOf(SHORTCUTS, "approve")[0] ?? "p");

/** Newer local copies (after a save) win over props until the server catches up. */
function merge(local: FieldView[], server: FieldView[]): FieldView[] {
  return server.map((s) => {
    const l = local.find((f) => f.id === s.id);
    return l && l.version > s.version ? l : s;
  });
}

/** Everything the review workspace knows and does; the keyboard and the layout only call into it. */
export function useReviewState(props: WorkspaceProps) {
  const { doc, canReview, nav } = props;
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
    // `fields` keeps the server's order (the registry's, lib/fields/registry.ts inRegistryOrder):
    // every update replaces a field in place or takes the server's list.
    return [...fields.filter((f) => flagged.has(f.id)), ...fields.filter((f) => !flagged.has(f.id))];
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

  const closed = isClosedReview(doc.reviewStatus);
  const canAct = canReview && !lock.heldByOther && !closed && doc.status === "extracted";
  const canClose =
    canReview && !lock.heldByOther && !closed && (doc.status === "extracted" || doc.status === "failed");
  const left = fields.filter((f) => f.needsReview).length;
  useLockHeartbeat(doc.id, props.lockMs, canReview && !closed, setLock);

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
      if (result.data.documentId) router.push(queueDocumentHref(result.data.documentId, nav.queue));
      else {
        toast.success("The queue is empty: nothing left to review here.");
        router.push("/review");
      }
    },
    [doc.id, nav, router],
  );

  async function changeField(field: FieldView, change: FieldChange) {
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
      toast.success(`Every flagged field is done: press ${APPROVE_KEY} to approve.`);
    router.refresh();
  }

  async function decide(kind: "approve" | "reject" | "reopen", reason?: { code: string; text: string }) {
    setBusy(true);
    const input = { documentId: doc.id, version: doc.version };
    const result =
      kind === "approve"
        ? await approveAction(input)
        : kind === "reject"
          ? await rejectAction({ ...input, code: reason?.code ?? "", reason: reason?.text })
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

  return {
    doc,
    lock,
    flagged,
    ordered,
    rows,
    current,
    setCurrent,
    editing,
    setEditing,
    draft,
    setDraft,
    conflicts,
    revealed,
    busy,
    help,
    setHelp,
    rejecting,
    setRejecting,
    setFields,
    closed,
    canAct,
    canClose,
    left,
    goToDocument,
    changeField,
    decide,
    acceptAll,
    reveal,
    startEditing,
  };
}

export type ReviewState = ReturnType<typeof useReviewState>;
