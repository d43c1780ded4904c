"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { userIsActive } from "@/components/user-activity";

/**
 * Live progress of a batch or an application: polls one of OUR GET routes (never Atlas) every
 * 2 s until it says `open: false`, and re-renders the server parts of the page (documents
 * table, cross-checks) whenever `changeKey` of the answer changes.
 */
export function useLiveProgress<T extends { open: boolean }>(options: {
  queryKey: readonly unknown[];
  url: string;
  /** "this batch", "this application": for the messages. */
  subject: string;
  initial: T;
  changeKey: (progress: T) => string;
  /** Keep polling after `open: false` while this says so (e.g. background OCR still running). */
  keepPolling?: (progress: T) => boolean;
}) {
  const router = useRouter();
  const { data, error } = useQuery({
    queryKey: options.queryKey,
    queryFn: async (): Promise<T> => {
      const res = await fetch(options.url, { cache: "no-store" });
      if (res.status === 401)
        throw new Error(`Your session has ended. Sign in again to follow ${options.subject}.`);
      if (!res.ok)
        throw new Error(`Could not load the progress of ${options.subject} (HTTP ${res.status}). Retrying…`);
      return res.json();
    },
    initialData: options.initial,
    refetchInterval: (query) => {
      const data = query.state.data;
      return data?.open === false && !options.keepPolling?.(data) ? false : 2000;
    },
  });
  const progress = data ?? options.initial;

  const key = options.changeKey(progress);
  const lastSeen = useRef(key);
  useEffect(() => {
    // Unattended, the server parts wait (a re-render would keep the session alive): the next
    // change after the user is back brings them up to date.
    if (key !== lastSeen.current && userIsActive()) {
      lastSeen.current = key;
      router.refresh();
    }
  }, [key, router]);

  return { progress, error: error as Error | null };
}
