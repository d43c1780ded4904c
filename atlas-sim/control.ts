import { parseFaults } from "./faults";
import { SIM_PROFILES } from "./profiles";
import { error, json, methodNotAllowed, notFound, readJsonBody } from "./responses";
import type { Simulator } from "./simulator";

/**
 * Control endpoints under {base}/__sim for tests and demos:
 *   GET    /__sim/faults        list armed faults
 *   POST   /__sim/faults        arm a fault, an array of faults, or {faults: [...]}
 *   DELETE /__sim/faults        disarm all faults
 *   GET    /__sim/profiles      the named behaviours (profiles.ts) and their faults
 *   POST   /__sim/profile       {"name": "short-pages"}: arm a profile for every request
 *   POST   /__sim/reset         forget batches, flows, faults and tokens (start-up profiles stay)
 *   POST   /__sim/flush         finish all pending processing now
 *   POST   /__sim/advance       {"ms": 5000}: move the simulator clock forward
 *   POST   /__sim/revoke-tokens every token issued so far stops working
 *   GET    /__sim/documents     uploaded documents (ids, type, readiness)
 *   GET    /__sim/callbacks     callback delivery attempts
 *   GET    /__sim/downloads     whether uploaded files are downloaded, and each download so far
 *   POST   /__sim/downloads     {"enabled": true|false}: download uploaded files as Atlas does
 *   POST   /__sim/flow-profile  {"profile": "flow-lowercase,flow-auth-get"} or {"quirks": {...}}:
 *                               Flow API behaviours (atlas-sim/flow-profile.ts)
 */
export async function handleControl(sim: Simulator, request: Request, path: string): Promise<Response> {
  const method = request.method;
  switch (path) {
    case "/faults": {
      if (method === "GET") return json(200, { faults: sim.faults() });
      if (method === "DELETE") {
        sim.clearFaults();
        return json(200, { faults: [] });
      }
      if (method !== "POST") return methodNotAllowed();
      const parsed = parseFaults(await readJsonBody(request));
      if (typeof parsed === "string") return error(400, parsed);
      parsed.forEach((f) => sim.addFault(f));
      return json(200, { faults: sim.faults() });
    }
    case "/profiles":
      if (method !== "GET") return methodNotAllowed();
      return json(200, {
        profiles: Object.entries(SIM_PROFILES).map(([name, p]) => ({ name, ...p })),
      });
    case "/profile": {
      if (method !== "POST") return methodNotAllowed();
      const body = await readJsonBody(request);
      const name = (body as { name?: unknown } | undefined)?.name;
      if (typeof name !== "string" || !(name in SIM_PROFILES)) {
        return error(400, `Send {"name": …}, one of: ${Object.keys(SIM_PROFILES).join(", ")}`);
      }
      sim.applyProfile(name);
      return json(200, { faults: sim.faults() });
    }
    case "/reset":
      return post(method, () => sim.reset());
    case "/flush":
      return post(method, () => sim.flush());
    case "/revoke-tokens":
      return post(method, () => sim.revokeAllTokens());
    case "/advance": {
      if (method !== "POST") return methodNotAllowed();
      const body = await readJsonBody(request);
      const ms = Number((body as { ms?: unknown } | undefined)?.ms);
      if (!Number.isFinite(ms) || ms < 0) return error(400, 'Send {"ms": <milliseconds>}');
      sim.advance(ms);
      return json(200, { ok: true });
    }
    case "/documents":
      if (method !== "GET") return methodNotAllowed();
      return json(200, {
        documents: sim.documents().map((d) => ({
          document_id: d.documentId,
          file_uuid: d.fileUuid,
          batch_id: d.batchId,
          flow_uuid: d.flowUuid,
          file_url: d.fileUrl,
          document_type: d.generated.documentType,
          deliberate_errors: d.generated.deliberateErrors,
          ready_at: new Date(d.readyAt).toISOString(),
          held: d.held,
        })),
      });
    case "/flow-profile": {
      if (method !== "POST") return methodNotAllowed();
      const body = (await readJsonBody(request)) as { profile?: unknown; quirks?: unknown } | undefined;
      const spec = typeof body?.profile === "string" ? body.profile : body?.quirks;
      if (typeof spec !== "string" && (typeof spec !== "object" || spec === null))
        return error(400, 'Send {"profile": "<name>[,<name>…]"} or {"quirks": {...}}');
      try {
        return json(200, { quirks: sim.setFlowProfile(spec as string) });
      } catch (e) {
        return error(400, e instanceof Error ? e.message : String(e));
      }
    }
    case "/downloads": {
      if (method === "GET") return json(200, { enabled: sim.downloadsEnabled(), downloads: sim.downloads() });
      if (method !== "POST") return methodNotAllowed();
      const enabled = ((await readJsonBody(request)) as { enabled?: unknown } | undefined)?.enabled;
      if (typeof enabled !== "boolean") return error(400, 'Send {"enabled": true} or {"enabled": false}');
      sim.setDownloads(enabled);
      return json(200, { enabled });
    }
    case "/callbacks":
      if (method !== "GET") return methodNotAllowed();
      return json(200, { attempts: sim.callbackAttempts() });
    default:
      return notFound();
  }
}

function post(method: string, action: () => void): Response {
  if (method !== "POST") return methodNotAllowed();
  action();
  return json(200, { ok: true });
}
