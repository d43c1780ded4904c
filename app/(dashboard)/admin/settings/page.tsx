import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { documents } from "@/lib/db/schema";
import { DEFAULT_THRESHOLD } from "@/lib/documents/thresholds";
import { listThresholdRows } from "@/lib/documents/thresholds-store";
import { isNotNull } from "drizzle-orm";
import { ThresholdSettings } from "./threshold-settings";

export const metadata: Metadata = { title: "Settings" };

const KNOWN_TYPES = [
  "AADHAAR",
  "PAN",
  "DRIVING_LICENSE",
  "VOTER_ID",
  "PASSPORT",
  "GST_CERT",
  "UDYAM_CERT",
  "SHOP_ACT_LICENSE",
  "FSSAI",
  "INVOICE",
  "DELIVERY_ORDER",
  "BANK_STATEMENT",
];

export default async function SettingsPage() {
  await requirePageUser("settings:manage");
  const db = await getDb();
  const [rows, seen] = await Promise.all([
    listThresholdRows(db),
    db
      .selectDistinct({ type: documents.documentType })
      .from(documents)
      .where(isNotNull(documents.documentType)),
  ]);
  const types = [
    ...new Set([
      ...KNOWN_TYPES,
      ...seen.map((s) => s.type!).filter((t) => t !== "UNRECOGNISED" && t !== "INVALID_DOC"),
    ]),
  ].sort();
  const global = rows.find((r) => r.scope === "global")?.threshold ?? DEFAULT_THRESHOLD;
  return (
    <>
      <PageHeader
        title="Settings"
        description="Confidence thresholds decide which extracted values are highlighted and sent to review. The most specific one applies: a field within a document type, then a field in any type, then a document type, then the global default. Changes apply at once and are audited."
      />
      <ThresholdSettings
        global={global}
        documentTypes={types}
        byType={rows
          .filter((r) => r.scope === "document_type")
          .map((r) => ({ documentType: r.documentType!, threshold: r.threshold }))}
        byField={rows
          .filter((r) => r.scope === "field")
          .map((r) => ({ documentType: r.documentType, fieldPath: r.fieldPath!, threshold: r.threshold }))}
      />
    </>
  );
}
