/**
 * Flow API behaviours that the public docs allow but the simulator's default never shows
 * (issue 12): lower-case or other finished words, an unknown master_status, status-only
 * callbacks, cross-check items with other keys, similarity on a 0–1 scale, and the auth_url
 * called by GET or with the credential in a header or the body. Chosen by name (a profile) or
 * piece by piece, at start (`flowProfile` option, SIM_FLOW_PROFILE) or at run time
 * (`POST /__sim/flow-profile`). Never imports application code.
 */
export interface FlowQuirks {
  /** Letter case of the four status words. */
  statusCase: "upper" | "lower";
  /** The word master_status uses for a finished flow (Atlas documents SUCCESS). */
  finishedWord: string;
  /** When set, master_status always reads this (a word no client knows). */
  masterStatusOverride?: string;
  /** "status-only": the callback carries ids and master_status, no ocr_data or cross_checks. */
  callback: "full" | "status-only";
  /** "alternate": cross-check items use keys other than the documented simulator shape. */
  crossCheckShape: "standard" | "alternate";
  similarityScale: "0-100" | "0-1";
  /**
   * How the simulator presents the credential of the auth_url we were given (its query string):
   * POST with the URL as given (default), GET with the URL as given, or POST to the bare URL with
   * the credential in an `Authorization: Bearer` header, a JSON body, or a form body.
   */
  authRequest: "post-query" | "get" | "header" | "body" | "form";
  /** "wrapped": GET status answers `{"data": {…the four fields…}}` instead of the bare object. */
  statusShape?: "bare" | "wrapped";
}

export const DEFAULT_FLOW_QUIRKS: FlowQuirks = {
  statusCase: "upper",
  finishedWord: "SUCCESS",
  callback: "full",
  crossCheckShape: "standard",
  similarityScale: "0-100",
  authRequest: "post-query",
};

export const FLOW_PROFILES: Record<string, Partial<FlowQuirks>> = {
  default: {},
  "flow-lowercase": { statusCase: "lower" },
  "flow-completed": { finishedWord: "COMPLETED" },
  "flow-done": { finishedWord: "DONE" },
  "flow-unknown-status": { masterStatusOverride: "AWAITING_MANUAL_QC" },
  "flow-status-only-callback": { callback: "status-only" },
  "flow-cross-check-keys": { crossCheckShape: "alternate" },
  "flow-similarity-0-1": { similarityScale: "0-1" },
  "flow-auth-get": { authRequest: "get" },
  "flow-auth-header": { authRequest: "header" },
  "flow-auth-body": { authRequest: "body" },
  "flow-auth-form": { authRequest: "form" },
  "flow-status-wrapped": { statusShape: "wrapped" },
  /** Everything at once except the unknown status. */
  "flow-tolerant": {
    statusCase: "lower",
    finishedWord: "COMPLETED",
    callback: "status-only",
    crossCheckShape: "alternate",
    similarityScale: "0-1",
    authRequest: "header",
  },
};

/**
 * A profile name, several joined by commas ("flow-lowercase,flow-auth-get"), or quirks given
 * directly. Throws with the list of names for an unknown one.
 */
export function resolveFlowQuirks(spec: string | Partial<FlowQuirks> | undefined): FlowQuirks {
  if (spec === undefined) return { ...DEFAULT_FLOW_QUIRKS };
  if (typeof spec !== "string") return { ...DEFAULT_FLOW_QUIRKS, ...spec };
  let quirks = { ...DEFAULT_FLOW_QUIRKS };
  for (const name of spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const profile = FLOW_PROFILES[name];
    if (!profile)
      throw new Error(`Unknown flow profile "${name}"; known: ${Object.keys(FLOW_PROFILES).join(", ")}`);
    quirks = { ...quirks, ...profile };
  }
  return quirks;
}

const cased = (word: string, quirks: FlowQuirks) =>
  quirks.statusCase === "lower" ? word.toLowerCase() : word.toUpperCase();

/** The four status fields as this profile writes them. */
export function applyStatusQuirks<T extends Record<string, unknown>>(status: T, quirks: FlowQuirks): T {
  const out: Record<string, unknown> = { ...status };
  for (const [key, value] of Object.entries(status)) {
    if (typeof value === "string" && key.endsWith("_status")) out[key] = cased(value, quirks);
  }
  if (status.master_status === "SUCCESS") out.master_status = cased(quirks.finishedWord, quirks);
  if (quirks.masterStatusOverride && status.master_status !== "NOT_STARTED")
    out.master_status = quirks.masterStatusOverride;
  return out as T;
}

function alternateCrossCheck(item: Record<string, unknown>, quirks: FlowQuirks): Record<string, unknown> {
  return {
    rule: `${String(item.field_name).toUpperCase()}_MATCH`,
    doc_a: item.source_document_id,
    doc_b: item.target_document_id,
    values: [item.source_value, item.target_value],
    match_score: scaled(item.similarity_score, quirks),
  };
}

const scaled = (score: unknown, quirks: FlowQuirks) =>
  typeof score === "number" && quirks.similarityScale === "0-1" ? Math.round(score * 10) / 1000 : score;

/** The GET status answer as this profile writes it. */
export function statusAnswer(status: Record<string, unknown>, quirks: FlowQuirks): Record<string, unknown> {
  const fields = applyStatusQuirks(status, quirks);
  return quirks.statusShape === "wrapped" ? { data: fields } : fields;
}

/** CallbackData (extracts and callback) as this profile writes it. */
export function applyPayloadQuirks(
  payload: Record<string, unknown>,
  quirks: FlowQuirks,
  forCallback: boolean,
): Record<string, unknown> {
  const master = applyStatusQuirks({ master_status: payload.master_status }, quirks).master_status;
  if (forCallback && quirks.callback === "status-only") {
    return { flow_uuid: payload.flow_uuid, application_id: payload.application_id, master_status: master };
  }
  const checks = Array.isArray(payload.cross_checks)
    ? (payload.cross_checks as Record<string, unknown>[])
    : [];
  return {
    ...payload,
    master_status: master,
    cross_checks: checks.map((c) =>
      quirks.crossCheckShape === "alternate"
        ? alternateCrossCheck(c, quirks)
        : { ...c, similarity_score: scaled(c.similarity_score, quirks) },
    ),
  };
}

/** The request the simulator sends to a flow's auth_url under this profile. */
export function authRequestFor(
  authUrl: string,
  ids: { application_id: string; flow_uuid: string },
  quirks: FlowQuirks,
): { url: string; init: RequestInit } {
  const url = new URL(authUrl);
  const params = Object.fromEntries(url.searchParams);
  const bare = `${url.origin}${url.pathname}`;
  const json = (body: unknown): RequestInit => ({
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  switch (quirks.authRequest) {
    case "get":
      return { url: authUrl, init: { method: "GET" } };
    case "header": {
      const credential = Object.values(params)[0] ?? "";
      return {
        url: bare,
        init: {
          ...json(ids),
          headers: { "content-type": "application/json", authorization: `Bearer ${credential}` },
        },
      };
    }
    case "body":
      return { url: bare, init: json({ ...ids, ...params }) };
    case "form":
      return {
        url: bare,
        init: {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ ...ids, ...params }).toString(),
        },
      };
    default:
      return { url: authUrl, init: json(ids) };
  }
}
