import { z } from "zod";
import { extensionsSchema } from "@/lib/batches/input/extensions";

/** `flow_params` as typed in the form: empty, or a JSON object (Atlas passes it through to the callback). */
export function parseFlowParams(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, value: {} };
  if (trimmed.length > 10_000)
    return { ok: false, error: "flow_params is too large (keep it under 10,000 characters)." };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    const reason = error instanceof Error ? error.message : "invalid JSON";
    return { ok: false, error: `flow_params is not valid JSON (${reason}). Example: {"branch": "Pune"}` };
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    return {
      ok: false,
      error: 'flow_params must be a JSON object such as {"branch": "Pune"}, not a list or a single value.',
    };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

export const createApplicationSchema = z.object({
  applicationNumber: z
    .string()
    .trim()
    .min(1, "Enter the application id.")
    .max(100, "Keep the application id under 100 characters.")
    .regex(/^[A-Za-z0-9._\-/:]+$/, "Use letters, digits and . _ - / : only (no spaces)."),
  productType: z.string().trim().min(1, "Choose a product type."),
  flowParams: z
    .string()
    .max(10_000, "flow_params is too large (keep it under 10,000 characters).")
    .transform((text, ctx) => {
      const parsed = parseFlowParams(text);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.error });
        return z.NEVER;
      }
      return parsed.value;
    }),
});

export const uploadDocumentsSchema = z.object({
  applicationId: z.string().uuid("Unknown application."),
  clientKey: z.string().uuid("The form is out of date; reload the page."),
  text: z
    .string()
    .max(1_000_000, "The list is too large. An application takes at most 50 documents per upload."),
  /** The include filter for `s3://` folder rows; the configured one when absent. */
  extensions: extensionsSchema(),
});

export const applicationIdSchema = z.object({ applicationId: z.string().uuid("Unknown application.") });

export const passMarkInputSchema = z.object({
  passMark: z.coerce
    .number({ message: "Enter a number from 0 to 100." })
    .min(0, "The pass mark is between 0 and 100.")
    .max(100, "The pass mark is between 0 and 100."),
});
