/**
 * The one vocabulary of expected failures: a `UserError` says, in words the person can act on,
 * why something they asked for was refused (`code`, `userMessage`, optional `details` for the
 * screen, an `httpStatus` for route handlers). Domain modules throw it; `defineAction`
 * (lib/actions.ts) and the route guard (lib/auth/route-guard.ts) turn it into a result or a JSON
 * answer, both through `describeFailure` (lib/failure.ts). Anything that is not a UserError is a
 * bug or an outage: logged with a reference and shown as a generic message.
 *
 * No server imports: client code may read the codes.
 */

/** Each code and the HTTP status a route handler answers with. */
const USER_ERROR_STATUS = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  /** The thing changed under the person (someone else's edit, a duplicate, a stale form). */
  conflict: 409,
  /** Another reviewer holds the document. */
  locked: 409,
  /** The document was already decided. */
  closed: 409,
  too_large: 413,
  /** An operation that failed for a reason the person is told (e.g. Atlas did not start a flow). */
  failed: 500,
  /** Atlas refused or could not understand a request; the message says what to fix. */
  atlas_failed: 502,
  /** Atlas could not be reached or was overloaded (after the retries allowed). */
  atlas_unavailable: 503,
} as const;

export type UserErrorCode = keyof typeof USER_ERROR_STATUS;

/**
 * A brand in the global symbol registry, so that an error thrown by one copy of this module is
 * recognised by another: the production server bundles modules more than once (instrumentation
 * and route chunks), and `instanceof` sees only its own copy of the class.
 */
const BRAND = Symbol.for("atlas-review.UserError");

export class UserError<D = unknown> extends Error {
  readonly code: UserErrorCode;
  /** What the person is shown. `message` is the same text unless a subclass adds log context. */
  readonly userMessage: string;
  readonly details?: D;
  readonly httpStatus: number;

  constructor(code: UserErrorCode, message: string, details?: D, options?: { httpStatus?: number }) {
    super(message);
    this.name = "UserError";
    this.code = code;
    this.userMessage = message;
    this.details = details;
    this.httpStatus = options?.httpStatus ?? USER_ERROR_STATUS[code];
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** True for any member of the UserError family, from whichever copy of this module it came. */
export function isUserError(error: unknown): error is UserError {
  if (error instanceof UserError) return true;
  if (!(error instanceof Error) || (error as unknown as Record<symbol, unknown>)[BRAND] !== true)
    return false;
  const e = error as Partial<UserError>;
  return typeof e.code === "string" && typeof e.userMessage === "string" && typeof e.httpStatus === "number";
}

/** What a failed action (or a refused API call) tells the caller. */
export type Failure = {
  code: UserErrorCode | "internal";
  message: string;
  details?: unknown;
  fieldErrors?: Record<string, string[]>;
  /** Set on unexpected failures: the id the server log records the failure under. */
  ref?: string;
};

/** The generic words for a failure that is not the person's to fix. */
export const genericFailureMessage = (ref: string) =>
  `Something went wrong on our side (ref ${ref}). Try again; if it keeps happening, give this reference to an administrator.`;
