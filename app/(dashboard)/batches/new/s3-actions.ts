"use server";

import { defineAction } from "@/lib/actions";
import type { S3Lookup } from "@/lib/batches/input/s3-rows";
import { lookUpS3 } from "@/lib/batches/s3-input";
import { getEnv } from "@/lib/env";
import { UserError } from "@/lib/errors";
import { listS3Page } from "@/lib/s3";
import { parseS3Url } from "@/lib/s3/location";
import { listS3PageSchema, lookUpS3Schema } from "./s3-schemas";

// S3 input is for the people who start batches and application uploads (admins).
const guard = { kind: "permission", permission: "batches:create" } as const;

function assertEnabled() {
  if (!getEnv().s3.enabled)
    throw new UserError(
      "invalid_input",
      "S3 input is not configured on this server: an administrator sets S3_ALLOWED_BUCKETS (README: S3 input).",
    );
}

/**
 * The preview's look at `s3://` rows: each folder listed (include filter applied, counted and
 * sized), each file checked (size, not found, access denied), each on the allow-list. An answer
 * per location: one refusal never hides the others.
 */
export const lookUpS3Action = defineAction(
  { name: "batches.s3Lookup", guard, input: lookUpS3Schema },
  async ({ locations, extensions, limit }): Promise<[string, S3Lookup][]> => {
    assertEnabled();
    const parsed = locations.flatMap((text) => {
      const location = parseS3Url(text);
      return location ? [location] : [];
    });
    const found = await lookUpS3(parsed, {
      extensions: extensions.length ? extensions : getEnv().s3.extensions,
      limit: Math.min(limit, getEnv().BATCH_MAX_ROWS),
      checkObjects: true,
    });
    return [...found.entries()];
  },
);

/** One page of a bucket folder for the browse dialog (folders, files, size, last modified). */
export const listS3PageAction = defineAction(
  { name: "batches.s3ListPage", guard, input: listS3PageSchema },
  async (input) => {
    assertEnabled();
    return listS3Page({ ...input, pageSize: 100 });
  },
);
