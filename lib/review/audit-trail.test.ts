import { describe, expect, it } from "vitest";
import { auditEvents } from "@/lib/db/schema";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { documentAuditTrail } from "./audit-trail";

describe.each(testDrivers)("documentAuditTrail on %s", (driver) => {
  const t = useTestDatabase(driver);

  it("shows Aadhaar numbers and VIDs masked even in rows written before the trail masked them", async () => {
    const documentId = "3f1c2b7e-0000-4000-8000-000000000001";
    // Written directly, as an older version of the app did, bypassing recordAudit's masking.
    await t.db.insert(auditEvents).values({
      action: "field.correct",
      targetType: "document",
      targetId: documentId,
      before: { state: "pending", value: "2345\u202F6789\u202F0124" },
      after: { state: "corrected", value: { aadhaar_number: "२३४५-६७८९-०१२४" } },
      metadata: { field: "remarks", note: "VID 9183 5431 2908 5712" },
    });
    const [entry] = await documentAuditTrail(t.db, documentId);
    expect(entry).toMatchObject({
      before: { state: "pending", value: "XXXX XXXX 0124" },
      after: { state: "corrected", value: { aadhaar_number: "XXXX XXXX 0124" } },
      metadata: { field: "remarks", note: "VID XXXX XXXX XXXX 5712" },
    });
  });
});
