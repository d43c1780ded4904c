import { z } from "zod";

export const createBatchSchema = z.object({
  clientKey: z.string().uuid("The form is out of date; reload the page."),
  label: z
    .string()
    .trim()
    .max(120, "Keep the label under 120 characters.")
    .transform((v) => v || null),
  productType: z.string().trim().min(1, "Choose a product type."),
  text: z.string().max(5_000_000, "The list is too large (over 5 MB). Split it into several batches."),
});
