/**
 * Seeds for the review integration tests (tests only): reviewers, a batch and extracted
 * documents whose fields go through the same extraction code the sync engine uses.
 */
import type { Db } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/db/queries/audit";
import { createUser } from "@/lib/db/queries/users";
import { batches, documents, fields } from "@/lib/db/schema";
import { extractFieldRows, summarise } from "@/lib/documents/extract";
import { buildThresholdSet } from "@/lib/documents/thresholds";
import type { Reviewer } from "./field-review";

export const TODAY = new Date("2026-11-22T00:00:00Z");
export const LOCK_MS = 60_000;

export async function seedReviewer(
  db: Db,
  name: string,
  role: "reviewer" | "admin" = "reviewer",
): Promise<Reviewer> {
  const user = await createUser(
    db,
    {
      email: `${name.toLowerCase().replace(/\W+/g, "-")}-${crypto.randomUUID()}@example.test`,
      name,
      role,
      passwordHash: "x",
    },
    SYSTEM_ACTOR,
  );
  return {
    id: user.id,
    name: user.name,
    actor: { actorUserId: user.id, actorEmail: user.email, ip: "127.0.0.1" },
  };
}

export async function seedBatch(db: Db, createdBy: string, label = "review test"): Promise<string> {
  const [batch] = await db
    .insert(batches)
    .values({ label, productType: "POC_CDL", createdBy, status: "complete" })
    .returning({ id: batches.id });
  return batch!.id;
}

type SeedFields = Record<string, { value: unknown; confidence_score: number }>;

export async function seedDocument(
  db: Db,
  batchId: string,
  documentId: string,
  documentType: string,
  fileData: SeedFields,
  createdAt = new Date(),
): Promise<string> {
  const rows = extractFieldRows({ documentType, fields: fileData }, TODAY);
  const summary = summarise(rows, documentType, buildThresholdSet([]));
  const [doc] = await db
    .insert(documents)
    .values({
      batchId,
      externalId: documentId,
      fileUrl: `https://files.example.test/${documentId}.svg`,
      atlasBatchId: `atlas-${batchId}`,
      status: "extracted",
      documentType,
      fileData,
      extractedAt: createdAt,
      createdAt,
      ...summary,
    })
    .returning({ id: documents.id });
  await db.insert(fields).values(rows.map((r) => ({ ...r, documentId: doc!.id })));
  return doc!.id;
}

/** A PAN card with one low-confidence field (name) and the rest clear. */
export const PAN_FIELDS: SeedFields = {
  name: { value: "RAVI KUMAR", confidence_score: 0.62 },
  pan_number: { value: "ABCPK1234F", confidence_score: 0.98 },
  father_name: { value: "SURESH KUMAR", confidence_score: 0.95 },
  date_of_birth: { value: "16/07/1986", confidence_score: 0.97 },
};

/** A document Atlas could not extract (no fields), as the sync engine stores one. */
export async function seedFailedDocument(
  db: Db,
  batchId: string,
  documentId: string,
  errorCode = "UNRECOGNISED",
  createdAt = new Date(),
): Promise<string> {
  const [doc] = await db
    .insert(documents)
    .values({
      batchId,
      externalId: documentId,
      fileUrl: `https://files.example.test/${documentId}.svg`,
      atlasBatchId: `atlas-${batchId}`,
      status: "failed",
      documentType: errorCode === "UNRECOGNISED" ? "UNRECOGNISED" : null,
      errorCode,
      errorMessage: "Document type could not be identified",
      extractedAt: createdAt,
      createdAt,
    })
    .returning({ id: documents.id });
  return doc!.id;
}
