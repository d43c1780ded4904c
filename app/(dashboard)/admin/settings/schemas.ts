import { z } from "zod";
import { asciiDigits } from "@/lib/text/digits";

const NUMBER_MESSAGE = "Enter a number between 0 and 1, e.g. 0.85.";
/** A decimal as people type it (digits of any Indian script too): "0.85", ".9", "1", "-0.5" (refused below). Not "", "0x1", "1e-1". */
const DECIMAL = /^\s*-?(?:\d+(?:\.\d*)?|\.\d+)\s*$/;
const value = z.preprocess(
  (v) => (typeof v === "string" && DECIMAL.test(asciiDigits(v)) ? Number(asciiDigits(v)) : v),
  z
    .number({ message: NUMBER_MESSAGE })
    .finite(NUMBER_MESSAGE)
    .min(0, "A threshold cannot be below 0.")
    .max(1, "A threshold cannot be above 1."),
);
const documentType = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9_]{2,64}$/, "Use the Atlas document type, e.g. PAN or BANK_STATEMENT.");
const fieldPath = z
  .string()
  .trim()
  .regex(/^[a-z0-9_]{1,64}$/, "Use the field key as Atlas sends it, e.g. name or aadhaar_number.");

export const thresholdInputSchema = z.discriminatedUnion("scope", [
  z.object({ scope: z.literal("global"), threshold: value }),
  z.object({ scope: z.literal("document_type"), documentType, threshold: value.nullable() }),
  z.object({
    scope: z.literal("field"),
    documentType: documentType.nullable(),
    fieldPath,
    threshold: value.nullable(),
  }),
]);
export type ThresholdInput = z.input<typeof thresholdInputSchema>;
