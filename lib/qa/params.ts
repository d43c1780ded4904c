/**
 * The "new sample" form's schema, shared by the form and its action (no server imports).
 * What is recorded in `qa_samples.params` is `SampleParams` plus the population and draw counts.
 */
import { z } from "zod";
import { uuidSchema } from "@/lib/ids";

export const MAX_SAMPLE_SIZE = 2000;

export const newSampleSchema = z
  .object({
    name: z.string().trim().max(100, "Keep the name under 100 characters.").optional(),
    sizeKind: z.enum(["count", "percent"]),
    sizeValue: z.coerce.number().positive("The size must be more than 0."),
    stratify: z.boolean().default(false),
    skippedReviewOnly: z.boolean().default(false),
    batchId: z.string().uuid("Unknown batch.").nullable().optional(),
    blind: z.boolean().default(false),
    seed: z
      .string()
      .trim()
      .max(64, "A seed is at most 64 characters.")
      .regex(/^[\w.:-]*$/, "A seed uses letters, digits and - _ . : only.")
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.sizeKind === "percent" && value.sizeValue > 100)
      ctx.addIssue({ code: "custom", path: ["sizeValue"], message: "A percentage is at most 100." });
    if (
      value.sizeKind === "count" &&
      (!Number.isInteger(value.sizeValue) || value.sizeValue > MAX_SAMPLE_SIZE)
    )
      ctx.addIssue({
        code: "custom",
        path: ["sizeValue"],
        message: `A sample is a whole number of documents, at most ${MAX_SAMPLE_SIZE}.`,
      });
  });

export type SampleParams = {
  sizeKind: "count" | "percent";
  sizeValue: number;
  stratify: boolean;
  skippedReviewOnly: boolean;
  batchId: string | null;
  blind: boolean;
  /** How many documents qualified, and how many were drawn, when the sample was made. */
  populationSize: number;
  drawn: number;
};

/** Reads a stored params blob defensively (older rows, hand edits). */
export function readSampleParams(raw: unknown): SampleParams {
  const p = (raw && typeof raw === "object" ? raw : {}) as Partial<SampleParams>;
  return {
    sizeKind: p.sizeKind === "percent" ? "percent" : "count",
    sizeValue: typeof p.sizeValue === "number" ? p.sizeValue : 0,
    stratify: p.stratify === true,
    skippedReviewOnly: p.skippedReviewOnly === true,
    batchId: typeof p.batchId === "string" ? p.batchId : null,
    blind: p.blind === true,
    populationSize: typeof p.populationSize === "number" ? p.populationSize : 0,
    drawn: typeof p.drawn === "number" ? p.drawn : 0,
  };
}

export const verdictSchema = z.object({
  itemId: uuidSchema(),
  fieldId: uuidSchema(),
  correct: z.boolean(),
  rightValue: z.string().max(5000, "Keep the right value under 5,000 characters.").optional(),
});

export const suggestionOptionsSchema = z.object({
  targetErrorRate: z.number().min(0).max(1),
  minSample: z.number().int().min(1).max(100_000),
});

/** Defaults for the suggestion: ≤ 1% errors among at least 20 verdicts at or above t. */
export const DEFAULT_TARGET_ERROR_RATE = 0.01;
export const DEFAULT_MIN_SAMPLE = 20;

/** The metrics page's URL (also the CSV export's): which sample, and the suggestion rule. */
export const metricsQuerySchema = z.object({
  sample: uuidSchema().optional().catch(undefined),
  /** Target error rate in percent (1 = 1%). */
  target: z.coerce
    .number()
    .min(0)
    .max(100)
    .default(DEFAULT_TARGET_ERROR_RATE * 100)
    .catch(DEFAULT_TARGET_ERROR_RATE * 100),
  min: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_MIN_SAMPLE).catch(DEFAULT_MIN_SAMPLE),
});
export type MetricsQuery = z.output<typeof metricsQuerySchema>;

export function readMetricsQuery(raw: Record<string, string | string[] | undefined>): MetricsQuery {
  const first = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) || undefined]),
  );
  return metricsQuerySchema.parse(first);
}
