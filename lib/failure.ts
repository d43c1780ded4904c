import "server-only";
import { type Failure, genericFailureMessage, isUserError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { maskAadhaarInText, maskDeep } from "@/lib/masking";

/** A short id a person can quote and an operator can find in the log. */
const newFailureRef = () => crypto.randomUUID().replace(/-/g, "").slice(0, 8);

/**
 * The one translation of a thrown error for the person who caused it, shared by `defineAction`
 * and the route guard. A UserError keeps its code, message and details; anything else is logged
 * (the logger masks personal data and secrets) under a fresh reference, and the person sees only
 * the generic message with that reference — never a stack trace or an internal message.
 */
export function describeFailure(
  error: unknown,
  context: { event: string } & Record<string, unknown>,
): { failure: Failure; status: number } {
  if (isUserError(error)) {
    // A refusal may quote what the person sent (a row, a value): no Aadhaar number leaves unmasked,
    // whether it is answered by a route or returned by an action.
    const failure: Failure = { code: error.code, message: maskAadhaarInText(error.userMessage) };
    if (error.details !== undefined) failure.details = maskDeep(error.details);
    return { failure, status: error.httpStatus };
  }
  const ref = newFailureRef();
  const { event, ...fields } = context;
  logger.error(event, { ...fields, ref, error });
  return { failure: { code: "internal", message: genericFailureMessage(ref), ref }, status: 500 };
}
