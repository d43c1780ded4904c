import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { DEFAULT_THRESHOLD } from "@/lib/documents/thresholds";
import { listThresholdRows, thresholdDocumentTypes } from "@/lib/documents/thresholds-store";
import { getEnv } from "@/lib/env";
import { loadRejectReasons } from "@/lib/review/reject-reasons-store";
import { loadMatchSettingsInput } from "@/lib/second-reader/match-settings-store";
import { RejectReasonSettings } from "./reject-reason-settings";
import { SecondReaderSettings } from "./second-reader-settings";
import { ThresholdSettings } from "./threshold-settings";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requirePageUser("settings:manage");
  const db = await getDb();
  const [rows, types, rejectReasons, secondReader] = await Promise.all([
    listThresholdRows(db),
    thresholdDocumentTypes(db),
    loadRejectReasons(db),
    loadMatchSettingsInput(db),
  ]);
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
      <RejectReasonSettings reasons={rejectReasons} />
      <SecondReaderSettings
        value={secondReader.value}
        source={secondReader.source}
        enabled={getEnv().SECOND_READER !== "off"}
      />
    </>
  );
}
