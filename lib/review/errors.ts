import { UserError } from "@/lib/errors";
import type { FieldView, LockView } from "./types";

/**
 * A review change that was refused for a reason the reviewer must see. `details` carries what
 * the screen needs to show the current state (the field as it now is, who holds the lock).
 */
export type ReviewErrorCode = "conflict" | "locked" | "closed" | "not_found" | "invalid_input";

export type ReviewErrorDetails = { field?: FieldView; lock?: LockView };

export class ReviewError extends UserError<ReviewErrorDetails> {
  declare readonly code: ReviewErrorCode;

  constructor(code: ReviewErrorCode, message: string, details?: ReviewErrorDetails) {
    super(code, message, details);
    this.name = "ReviewError";
  }
}
