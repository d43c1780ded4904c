"use client";

import type { PrefetchKind } from "next/dist/client/components/router-reducer/router-reducer-types";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { prefetchScanFile } from "@/components/review/scan-file";

/** A full prefetch: the page's data too, not only its shell (the document page is dynamic). */
const FULL = "full" as unknown as PrefetchKind;

/**
 * Fetches the next document ahead — its page (router.prefetch) and its scan (the file route) —
 * so that `n` shows it at once. In the queue the next document is the server's guess
 * (peekNextDocument); `n` still claims one, and only when it is the guessed one is the
 * prefetched page used. A page shown from a prefetch was read before the claim, so it is read
 * again once shown, to say who holds it now.
 */
export function usePrefetchNext({
  next,
  documentId,
  staleLock,
}: {
  next: { id: string; href: string } | null;
  documentId: string;
  staleLock: boolean;
}) {
  const router = useRouter();
  const id = next?.id;
  const href = next?.href;
  useEffect(() => {
    if (!id || !href) return;
    router.prefetch(href, { kind: FULL });
    prefetchScanFile(id);
  }, [router, id, href]);

  // Once per document shown: a lock that is not ours in the queue may be the prefetch's old view.
  const refresh = staleLock;
  useEffect(() => {
    if (refresh) router.refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per document, not on every lock change
  }, [documentId]);
}
