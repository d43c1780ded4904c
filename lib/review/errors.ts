import type { FieldView, LockView } from "./types";

/**
 * A review change that was refused for a reason the reviewer must see. `details` carries what
 * the screen needs to show the current state (the field as it now is, who holds the lock).
 */
export type ReviewErrorCode = "conflict" | "locked" | "closed" | "not_found" | "invalid";

export type ReviewErrorDetails = { field?: FieldView; lock?: LockView };

export class ReviewError extends Error {
  constructor(
    public readonly code: ReviewErrorCode,
    message: string,
    public readonly details?: ReviewErrorDetails,
  ) {
    super(message);
    this.name = "ReviewError";
  }
}
