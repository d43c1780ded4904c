import { describe, expect, it } from "vitest";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { fieldsOf } from "@/lib/fields/registry";
import { exportRowPages } from "./export";
import { acceptAllAboveThreshold } from "./field-review";
import { LOCK_MS, seedBatch, seedDocument, seedReviewer } from "./test-support";
import { loadWorkspace } from "./workspace";

// Atlas's order is not the document's: the PAN number first, a field the registry does not list
// in the middle, the name last.
const SCRAMBLED = {
  pan_number: { value: "ABCPK1234F", confidence_score: 0.99 },
  signature_present: { value: "yes", confidence_score: 0.9 },
  dob: { value: "16/07/1986", confidence_score: 0.97 },
  photo_present: { value: "yes", confidence_score: 0.9 },
  father_name: { value: "SURESH KUMAR", confidence_score: 0.95 },
  name_as_per_pan: { value: "RAVI KUMAR", confidence_score: 0.62 },
};
const REGISTRY_ORDER = ["name_as_per_pan", "father_name", "dob", "pan_number"];
const EXPECTED = [...REGISTRY_ORDER, "signature_present", "photo_present"];

describe.each(testDrivers)("fields in the registry's order on %s", (driver) => {
  const t = useTestDatabase(driver);

  it("the workspace, accept-all and the export list known fields in registry order, then Atlas's others", async () => {
    expect(fieldsOf("PAN").map((f) => f.path)).toEqual([...REGISTRY_ORDER, "document_quality_flag"]);
    const asha = await seedReviewer(t.db, "Asha Order");
    const batchId = await seedBatch(t.db, asha.id, "order");
    const docId = await seedDocument(t.db, batchId, "pan-order", "PAN", SCRAMBLED);

    const workspace = await loadWorkspace(t.db, docId, asha.id);
    expect(workspace!.fields.map((f) => f.path)).toEqual(EXPECTED);
    // Atlas's positions are kept as they were stored.
    expect(workspace!.fields.map((f) => f.position)).toEqual([5, 4, 2, 0, 1, 3]);

    const accepted = await acceptAllAboveThreshold(t.db, docId, asha, { lockMs: LOCK_MS });
    expect(accepted.fields.map((f) => f.path)).toEqual(EXPECTED);
    expect(accepted.accepted).toEqual(EXPECTED.filter((p) => p !== "name_as_per_pan"));

    const rows = [];
    for await (const page of exportRowPages(t.db, { id: batchId, label: "order" })) rows.push(...page);
    expect(rows.map((r) => r.field)).toEqual(EXPECTED);
  });
});
