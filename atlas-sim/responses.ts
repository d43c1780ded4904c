/** Response helpers that reproduce Atlas's status codes and error bodies (atlas-api.md 2.19). */

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });
}

export const error = (status: number, message: string, reason?: string) =>
  json(status, reason ? { error: message, reason } : { error: message });

/** Python-style list as Atlas prints it: ['a', 'b']. */
export const pyList = (names: string[]) => `[${names.map((n) => `'${n}'`).join(", ")}]`;

export const missingParams = (names: string[]) =>
  error(400, `Missing or empty required parameters: ${pyList(names)}`);

export const invalidToken = (reason: string) => error(401, "Invalid token", reason);

export const flowNotFound = () => error(409, "Flow not found");

export const versionGone = () =>
  json(410, { error_code: "410", error_message: "Resource Gone: This API version is no longer supported" });

export const notFound = () => error(404, "Not Found");

export const methodNotAllowed = () => error(405, "Method Not Allowed");

export async function readJsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    return undefined;
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export const nonEmptyString = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

/** Cuts a response body in half so it is no longer valid JSON (malformed_json fault). */
export async function truncateBody(response: Response): Promise<Response> {
  const text = await response.text();
  return new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), {
    status: response.status,
    headers: response.headers,
  });
}
