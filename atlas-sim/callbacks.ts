import { applyPayloadQuirks, authRequestFor, resolveFlowQuirks, type FlowQuirks } from "./flow-profile";
import type { SimFlow } from "./store";

export interface CallbackAttempt {
  flowUuid: string;
  attempt: number;
  at: number;
  /** HTTP status of the callback POST, when it got that far. */
  status?: number;
  ok: boolean;
  error?: string;
}

interface DispatcherOptions {
  /** The flow profile at start (see flow-profile.ts); changeable later through `quirks`. */
  quirks?: FlowQuirks;
  fetch: typeof fetch;
  now: () => number;
  retryDelaysMs: number[];
  callbackTimeoutMs: number;
  authUrlTimeoutMs: number;
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref?.();
  });

/**
 * Talks to the customer's side of a flow (atlas-api.md 4.3 [SIM] contract): POSTs
 * {application_id, flow_uuid} to auth_url, expects access_token (or token), then POSTs the
 * CallbackData to callback_url with both `Authorization: Bearer <t>` and `Token: <t>`.
 */
export class CallbackDispatcher {
  readonly attempts: CallbackAttempt[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private generation = 0;
  /** The Flow API behaviours in force (flow-profile.ts): status words, callbacks, auth requests. */
  quirks: FlowQuirks;

  constructor(private readonly options: DispatcherOptions) {
    this.quirks = options.quirks ?? resolveFlowQuirks(undefined);
  }

  /** Obtains a token from the flow's auth_url, or throws with a short reason. */
  async authenticate(flow: SimFlow): Promise<string> {
    const { url, init } = authRequestFor(
      flow.authUrl,
      { application_id: flow.applicationId, flow_uuid: flow.flowUuid },
      this.quirks,
    );
    const response = await this.options.fetch(url, {
      ...init,
      signal: AbortSignal.timeout(this.options.authUrlTimeoutMs),
    });
    if (!response.ok) throw new Error(`auth_url answered ${response.status}`);
    const body: unknown = await response.json().catch(() => undefined);
    const token =
      body && typeof body === "object"
        ? ((body as Record<string, unknown>).access_token ?? (body as Record<string, unknown>).token)
        : undefined;
    if (typeof token !== "string" || !token) throw new Error("auth_url reply has no access_token or token");
    return token;
  }

  /** The multiupload check: can Atlas reach (and authenticate at) this flow's auth_url? */
  async authUrlReachable(flow: SimFlow): Promise<boolean> {
    try {
      await this.authenticate(flow);
      return true;
    } catch {
      return false;
    }
  }

  deliver(flow: SimFlow, payload: Record<string, unknown>): void {
    const body = applyPayloadQuirks(payload, this.quirks, true);
    const run = this.deliverWithRetries(flow, body, this.generation).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  /** Resolves when every callback delivery started so far has finished (tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  reset(): void {
    this.generation += 1;
    this.attempts.length = 0;
  }

  private async deliverWithRetries(flow: SimFlow, payload: Record<string, unknown>, generation: number) {
    const delays = [0, ...this.options.retryDelaysMs];
    for (const [index, delay] of delays.entries()) {
      if (delay) await sleep(delay);
      if (generation !== this.generation) return;
      const attempt: CallbackAttempt = {
        flowUuid: flow.flowUuid,
        attempt: index + 1,
        at: this.options.now(),
        ok: false,
      };
      try {
        const token = await this.authenticate(flow);
        const response = await this.options.fetch(flow.callbackUrl, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}`, token },
          body: JSON.stringify(payload),
          signal: AbortSignal.timeout(this.options.callbackTimeoutMs),
        });
        attempt.status = response.status;
        attempt.ok = response.ok;
        await response.body?.cancel();
      } catch (e) {
        attempt.error = e instanceof Error ? e.message : String(e);
      }
      if (generation !== this.generation) return;
      this.attempts.push(attempt);
      if (attempt.ok) return;
    }
  }
}
