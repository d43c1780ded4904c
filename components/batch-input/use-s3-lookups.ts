"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import type { InputRow } from "@/lib/batches/input";
import { s3LookupKey, type S3Lookup } from "@/lib/batches/input/s3-rows";
import { chunk } from "@/lib/chunk";

type Result<T> = { ok: true; data: T } | { ok: false; error: { message: string } };

/** The server action that lists folders and checks files for the preview. */
export type LookUpS3 = (input: {
  locations: string[];
  extensions: string[];
  limit: number;
}) => Promise<Result<[string, S3Lookup][]>>;

/** Locations one request asks about (the action's own cap). */
const SLICE = 500;
const NONE: ReadonlyMap<string, S3Lookup> = new Map();

type Store = { filter: string; lookups: ReadonlyMap<string, S3Lookup> };

/**
 * What the server answered for the `s3://` rows of the preview, kept per include filter (changing
 * the filter asks again). `recheck` forgets the answers (after fixing a permission, say).
 */
export function useS3Lookups(extensions: readonly string[]) {
  const filter = extensions.join(",");
  const [store, setStore] = useState<Store>({ filter, lookups: NONE });
  const lookups = store.filter === filter ? store.lookups : NONE;
  const recheck = useCallback(() => setStore({ filter, lookups: new Map() }), [filter]);
  const merge = useCallback(
    (forFilter: string, entries: readonly [string, S3Lookup][]) =>
      setStore((prev) => {
        const next = new Map(prev.filter === forFilter ? prev.lookups : NONE);
        for (const [key, lookup] of entries) next.set(key, lookup);
        return { filter: forFilter, lookups: next };
      }),
    [],
  );
  return { filter, lookups, recheck, merge };
}

/**
 * Asks the server about the rows not asked about yet, once the text has settled, in slices.
 * Returns true while some row still waits for its answer.
 */
export function useS3Requests(
  rows: readonly InputRow[],
  store: ReturnType<typeof useS3Lookups>,
  options: { lookUp?: LookUpS3; limit: number },
): boolean {
  const { lookUp, limit } = options;
  const { filter, lookups, merge } = store;
  const missing = useMemo(() => {
    const keys = new Set<string>();
    for (const row of rows) {
      if (!row.s3) continue;
      const key = s3LookupKey(row.s3.location);
      if (!lookups.has(key)) keys.add(key);
    }
    return [...keys];
  }, [rows, lookups]);
  const missingKey = missing.join("\n");

  useEffect(() => {
    if (!lookUp || missingKey === "") return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      for (const slice of chunk(missingKey.split("\n"), SLICE)) {
        const result = await lookUp({ locations: slice, extensions: filter.split(","), limit });
        if (cancelled) return;
        const answered = new Map(result.ok ? result.data : []);
        const message = result.ok
          ? "The server did not answer for this location — check it again"
          : result.error.message;
        merge(
          filter,
          slice.map((key) => [key, answered.get(key) ?? { ok: false, message }]),
        );
      }
    }, 400);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [lookUp, missingKey, filter, limit, merge]);

  return lookUp !== undefined && missing.length > 0;
}
