"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import type { FieldView } from "@/lib/review/types";
import { commentAction, reclassifyAction, reuploadAction, skipAction, undoAction } from "./close-actions";
import { queueDocumentHref } from "./search-params";
import type { ReviewState, WorkspaceProps } from "./use-review-state";
import { documentTypeLabel } from "@/lib/fields/registry";

/**
 * Closing a document without approving it (re-upload requested, reclassify), comments, undo and
 * "skip for now", beside the review state (use-review-state.ts) so each stays one thing.
 */
export function useCloseActions(props: WorkspaceProps, s: ReviewState) {
  const router = useRouter();
  const { doc, nav } = props;
  const [busy, setBusy] = useState(false);

  async function run<T>(
    action: () => Promise<{ ok: true; data: T } | { ok: false; error: { message: string } }>,
  ): Promise<T | null> {
    setBusy(true);
    const result = await action();
    setBusy(false);
    if (!result.ok) {
      toast.error(result.error.message);
      return null;
    }
    return result.data;
  }

  /** After a closing decision: the next document in the queue, or the page again. */
  const onward = () => (nav.mode === "queue" ? s.goToDocument("next") : router.refresh());

  async function requestReupload(note: string) {
    const done = await run(() => reuploadAction({ documentId: doc.id, version: doc.version, note }));
    if (done === null) return false;
    toast.success("Re-upload requested");
    await onward();
    return true;
  }

  async function reclassify(documentType: string) {
    const done = await run(() =>
      reclassifyAction({ documentId: doc.id, version: doc.version, documentType }),
    );
    if (done === null) return;
    toast.success(
      `Reclassified as ${documentTypeLabel(documentType)}: type each of its ${done.fieldCount} fields from the scan.`,
    );
    router.refresh();
  }

  async function comment(fieldId: string | null, text: string) {
    const done = await run(() => commentAction({ documentId: doc.id, fieldId, text }));
    if (done === null) return false;
    toast.success("Comment added");
    router.refresh();
    return true;
  }

  async function undo() {
    if (!s.canAct) return;
    const done = await run(() => undoAction({ documentId: doc.id }));
    if (done === null) return;
    const field: FieldView = done.field;
    s.setFields((list) => list.map((f) => (f.id === field.id ? field : f)));
    toast.success(`Undone: ${done.undone}`);
    router.refresh();
  }

  async function skip() {
    if (!props.canReview || s.closed) return;
    const done = await run(() => skipAction({ ...nav.queue, documentId: doc.id }));
    if (done === null) return;
    if (done.documentId && done.documentId !== doc.id) {
      toast.info("Skipped: it waits at the back of your queue.");
      router.push(queueDocumentHref(done.documentId, nav.queue));
    } else {
      toast.info("Skipped, but nothing else is waiting in this queue.");
      router.push("/review");
    }
  }

  return { busy, requestReupload, reclassify, comment, undo, skip };
}
