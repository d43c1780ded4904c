/**
 * Fault injection. Every fault applies to "the next N matching requests" (default 1), so tests
 * stay deterministic. `endpoint` is a path without the base path, e.g. "/v1/bulk/extracts";
 * leave it out to match every Atlas API request (never the /__sim, /samples or /files routes).
 */
export type SimFault =
  | {
      kind: "status";
      status: 429 | 500 | 502 | 503 | 504;
      count?: number;
      endpoint?: string;
      retryAfterSeconds?: number;
    }
  /** Protected calls answer 401 "Invalid token" (the token endpoints keep working). */
  | { kind: "token_revoked"; count?: number; endpoint?: string }
  /** Wait before answering, e.g. to exceed the client's timeout. The request is still processed. */
  | { kind: "slow"; delayMs: number; count?: number; endpoint?: string }
  /** The request is processed, but the response body is cut off mid-JSON. */
  | { kind: "malformed_json"; count?: number; endpoint?: string }
  /** Bulk extracts report the opposite `has_next` of the truth. */
  | { kind: "lie_has_next"; count?: number }
  /** The next N uploaded documents stay invisible until the following extracts call of their batch. */
  | { kind: "hold_documents"; count?: number }
  /** The next N auth_url checks on v3 multiupload fail (422), regardless of the real receiver. */
  | { kind: "auth_url_unreachable"; count?: number };

export type SimFaultKind = SimFault["kind"];

interface ActiveFault {
  fault: SimFault;
  remaining: number;
}

const VALID_KINDS: ReadonlySet<string> = new Set<SimFaultKind>([
  "status",
  "token_revoked",
  "slow",
  "malformed_json",
  "lie_has_next",
  "hold_documents",
  "auth_url_unreachable",
]);

export class FaultBoard {
  private active: ActiveFault[] = [];

  add(fault: SimFault): void {
    this.active.push({ fault, remaining: Math.max(1, fault.count ?? 1) });
  }

  clear(): void {
    this.active = [];
  }

  list(): Array<SimFault & { remaining: number }> {
    return this.active.map(({ fault, remaining }) => ({ ...fault, remaining }));
  }

  /** Uses up one occurrence of the first matching fault of this kind, and returns it. */
  take<K extends SimFaultKind>(kind: K, endpoint?: string): Extract<SimFault, { kind: K }> | undefined {
    const match = this.active.find(
      ({ fault }) =>
        fault.kind === kind &&
        (!("endpoint" in fault) || !fault.endpoint || endpoint === undefined || fault.endpoint === endpoint),
    );
    if (!match) return undefined;
    match.remaining -= 1;
    if (match.remaining <= 0) this.active = this.active.filter((a) => a !== match);
    return match.fault as Extract<SimFault, { kind: K }>;
  }

  /** How many occurrences of a kind are still armed (e.g. how many documents to hold back). */
  remaining(kind: SimFaultKind): number {
    return this.active.filter((a) => a.fault.kind === kind).reduce((sum, a) => sum + a.remaining, 0);
  }
}

/** Validates faults posted to the control endpoint. Returns an error message or the faults. */
export function parseFaults(body: unknown): SimFault[] | string {
  const list = Array.isArray(body)
    ? body
    : body && typeof body === "object" && "faults" in body && Array.isArray(body.faults)
      ? (body.faults as unknown[])
      : [body];
  for (const item of list) {
    if (!item || typeof item !== "object" || !("kind" in item) || !VALID_KINDS.has(String(item.kind))) {
      return `Each fault needs a "kind", one of: ${[...VALID_KINDS].join(", ")}`;
    }
    if (
      item.kind === "status" &&
      !("status" in item && [429, 500, 502, 503, 504].includes(Number(item.status)))
    ) {
      return 'A "status" fault needs "status": 429, 500, 502, 503 or 504';
    }
    if (item.kind === "slow" && !("delayMs" in item && Number(item.delayMs) >= 0)) {
      return 'A "slow" fault needs "delayMs"';
    }
  }
  return list as SimFault[];
}
