"use server";

import { defineAction } from "@/lib/actions";
import { UserError } from "@/lib/errors";
import { getDb } from "@/lib/db";
import { verdictSchema } from "@/lib/qa/params";
import { saveVerdict } from "@/lib/qa/verdicts";

/** Saves one field's verdict at once (keyboard-first checking: every key press is kept). */
export const saveVerdictAction = defineAction(
  { name: "qa.saveVerdict", guard: { kind: "permission", permission: "qa:use" }, input: verdictSchema },
  async (input, { user }) => {
    const result = await saveVerdict(await getDb(), input, user.id);
    if (!result.ok) {
      if (result.reason === "right_value_required")
        throw new UserError("invalid_input", "Type the right value before marking a field incorrect.");
      throw new UserError("not_found", "That field is no longer part of this sample.");
    }
    return { checked: result.checked, total: result.total, completed: result.completed };
  },
);
