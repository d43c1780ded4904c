/**
 * The document-file route against a real database and a real storage server (a local HTTP
 * server standing in for S3): what each kind of file is served as, and the Aadhaar gate
 * (masked copy by default, full scan only on an audited reveal by a role allowed to).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/db/queries/audit";
import { createUser } from "@/lib/db/queries/users";
import { auditEvents, batches, documents, fields } from "@/lib/db/schema";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { resetEnvForTests } from "@/lib/env";
import { createSimulator } from "@/atlas-sim/simulator";

const state = vi.hoisted(() => ({
  db: null as unknown,
  user: null as null | { id: string; email: string; name: string; role: string },
}));
vi.mock("@/lib/db", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/db")>()),
  getDb: async () => state.db,
}));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => state.user }));

const SVG_WITH_SCRIPT = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>`;
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
const FILES: Record<string, { type: string; body: string | Buffer }> = {
  "/card.svg": { type: "image/svg+xml", body: SVG_WITH_SCRIPT },
  "/scan.png": { type: "image/png", body: PNG },
  "/unlabelled.png": { type: "application/octet-stream", body: PNG },
  "/page.html": { type: "text/html", body: "<script>alert(1)</script>" },
  "/page-octet.html": { type: "application/octet-stream", body: "<script>alert(1)</script>" },
  "/looks-like-png": { type: "image/png; charset=utf-8", body: "<html><script>alert(1)</script></html>" },
  "/aadhaar-full.png": { type: "image/png", body: Buffer.from("full-scan") },
  "/aadhaar-masked.png": { type: "image/png", body: Buffer.from("masked-copy") },
};

let storage: http.Server;
let origin = "";
// The embedded simulator at the same mount: serves sample cards and the masked copies it links to.
const sim = createSimulator({ basePath: "/atlas-sim", clientId: "sim-id", clientSecret: "sim-secret" });

beforeAll(async () => {
  storage = http.createServer((req, res) => {
    if (/^\/atlas-sim\/(masked|files|v1)\//.test(req.url ?? "")) {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = chunks.length ? Buffer.concat(chunks) : undefined;
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
        void sim
          .handle(new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body }))
          .then(async (answer) => {
            res.statusCode = answer.status;
            answer.headers.forEach((v, k) => res.setHeader(k, v));
            res.end(Buffer.from(await answer.arrayBuffer()));
          });
      });
      return;
    }
    if (req.url?.startsWith("/atlas-sim/endless-")) {
      // Chunked (no Content-Length): MB megabytes of "PNG".
      const mb = Number(/endless-(\d+)/.exec(req.url)![1]);
      res.setHeader("content-type", "image/png");
      const chunk = Buffer.alloc(1024 * 1024, 0x41);
      let sent = 0;
      const pump = () => {
        while (sent < mb && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
      return;
    }
    const file = FILES[(req.url ?? "").replace(/^\/atlas-sim(?=\/)/, "")];
    if (!file) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader("content-type", file.type);
    res.end(file.body);
  });
  await new Promise<void>((resolve) => storage.listen(0, "127.0.0.1", resolve));
  const { port } = storage.address() as AddressInfo;
  // Demo mode: only the embedded simulator's mount (127.0.0.1:PORT/atlas-sim) is a trusted file host.
  origin = `http://127.0.0.1:${port}/atlas-sim`;
  process.env.PORT = String(port);
  delete process.env.ATLAS_BASE_URL;
  resetEnvForTests();
});

afterAll(async () => {
  await new Promise((resolve) => storage.close(resolve));
  delete process.env.PORT;
  resetEnvForTests();
});

describe.each(testDrivers)("GET /api/documents/[id]/file on %s", (driver) => {
  const t = useTestDatabase(driver);
  let batchId = "";

  beforeAll(async () => {
    const owner = await createUser(
      t.db as Db,
      { email: `owner-${driver}@example.test`, name: "Owner", role: "admin", passwordHash: "x" },
      SYSTEM_ACTOR,
    );
    const [batch] = await t.db
      .insert(batches)
      .values({ label: "files", productType: "POC_CDL", createdBy: owner.id })
      .returning({ id: batches.id });
    batchId = batch!.id;
  });

  beforeEach(() => {
    state.db = t.db;
  });

  async function as(role: "admin" | "reviewer" | "qa") {
    const user = await createUser(
      t.db as Db,
      { email: `${role}-${crypto.randomUUID()}@example.test`, name: role, role, passwordHash: "x" },
      SYSTEM_ACTOR,
    );
    state.user = { id: user.id, email: user.email, name: user.name, role };
    return user;
  }

  async function doc(input: {
    documentId: string;
    path: string;
    type?: string;
    fileData?: unknown;
    aadhaar?: boolean;
  }): Promise<string> {
    const [row] = await t.db
      .insert(documents)
      .values({
        batchId,
        externalId: input.documentId,
        fileUrl: `${origin}${input.path}`,
        status: "extracted",
        documentType: input.type ?? "PAN",
        fileData: input.fileData ?? null,
      })
      .returning({ id: documents.id });
    if (input.aadhaar)
      await t.db
        .insert(fields)
        .values({ documentId: row!.id, path: "aadhaar_number", value: "2345 6789 0124", confidence: 0.9 });
    return row!.id;
  }

  async function get(id: string, query = "") {
    const { GET } = await import("./route");
    return GET(new Request(`http://localhost/api/documents/${id}/file${query}`), {
      params: Promise.resolve({ id }),
    });
  }

  it("serves an SVG as a sandboxed attachment, never inline", async () => {
    await as("reviewer");
    const id = await doc({ documentId: `svg-${driver}`, path: "/card.svg" });
    const response = await get(id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="svg-[a-z]+\.svg"$/);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/(^|; )sandbox(;|$)/);
    expect(csp).toContain("default-src 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await response.text()).toBe(SVG_WITH_SCRIPT);
  });

  it("shows raster images inline (attachment on request), typed by us even when storage says octet-stream", async () => {
    await as("qa");
    const png = await doc({ documentId: `png-${driver}`, path: "/scan.png" });
    const inline = await get(png);
    expect(inline.headers.get("content-disposition")).toBe(`inline; filename="png-${driver}.png"`);
    expect(inline.headers.get("content-security-policy")).toContain("sandbox");
    expect((await get(png, "?download=1")).headers.get("content-disposition")).toMatch(/^attachment;/);
    const unlabelled = await get(await doc({ documentId: `octet-${driver}`, path: "/unlabelled.png" }));
    expect(unlabelled.headers.get("content-type")).toBe("image/png");
    // Labelled as an image but holding HTML: it stays an image (nosniff), never a page.
    const fake = await get(await doc({ documentId: `fake-${driver}`, path: "/looks-like-png" }));
    expect(fake.headers.get("content-type")).toBe("image/png");
    expect(fake.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("never serves HTML, however it is labelled", async () => {
    await as("admin");
    for (const path of ["/page.html", "/page-octet.html"]) {
      const response = await get(await doc({ documentId: `html${path.replace(/\W/g, "")}-${driver}`, path }));
      expect(response.status).toBe(415);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(((await response.json()) as { error: string }).error).toMatch(/images and PDFs only/);
    }
  });

  it("makes a file name of safe characters only", async () => {
    await as("reviewer");
    const id = await doc({ documentId: `../"evil"\r\nX-Injected: 1;ünï-${driver}`, path: "/scan.png" });
    const disposition = (await get(id)).headers.get("content-disposition")!;
    expect(disposition).toMatch(/^inline; filename="[A-Za-z0-9._-]+\.png"$/);
    expect(disposition).not.toContain("..");
  });

  it("relays at most 30 MB of a file that declares no length (chunked)", async () => {
    await as("reviewer");
    const small = await get(await doc({ documentId: `chunked-ok-${driver}`, path: "/endless-3.png" }));
    expect((await small.arrayBuffer()).byteLength).toBe(3 * 1024 * 1024);
    const huge = await get(await doc({ documentId: `chunked-huge-${driver}`, path: "/endless-64.png" }));
    expect(huge.status).toBe(200);
    let relayed = 0;
    const reader = huge.body!.getReader();
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          relayed += value.byteLength;
        }
      })(),
    ).rejects.toThrow(/larger than/);
    expect(relayed).toBeLessThanOrEqual(30 * 1024 * 1024);
  });

  describe("an Aadhaar scan", () => {
    const withMaskedCopy = () => ({
      document_type: "AADHAAR",
      aadhaar_number: {
        value: "XXXX XXXX 0124",
        confidence_score: 0.99,
        redact_url: `${origin}/aadhaar-masked.png`,
      },
    });

    async function reveals(db: unknown, documentRowId: string) {
      return (db as Db)
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.targetId, documentRowId))
        .then((rows) => rows.filter((r) => r.action === "pii.reveal"));
    }

    it("shows Atlas's masked copy by default, unaudited, and the full scan only on an audited reveal (QA as reviewers)", async () => {
      for (const role of ["reviewer", "qa"] as const) {
        const user = await as(role);
        const id = await doc({
          documentId: `aadhaar-${role}-${driver}`,
          path: "/aadhaar-full.png",
          type: "AADHAAR",
          fileData: withMaskedCopy(),
          aadhaar: true,
        });
        const masked = await get(id);
        expect(masked.status).toBe(200);
        expect(masked.headers.get("x-file-variant")).toBe("redacted");
        expect(masked.headers.get("x-scan-can-reveal")).toBe("1");
        expect(Buffer.from(await masked.arrayBuffer()).toString()).toBe("masked-copy");
        expect(await reveals(t.db, id)).toHaveLength(0);

        const full = await get(id, "?reveal=1");
        expect(full.status).toBe(200);
        expect(full.headers.get("x-file-variant")).toBe("original");
        expect(Buffer.from(await full.arrayBuffer()).toString()).toBe("full-scan");
        const audited = await reveals(t.db, id);
        expect(audited).toHaveLength(1);
        expect(audited[0]).toMatchObject({ actorUserId: user.id, action: "pii.reveal" });
      }
    });

    it("shows the simulator's masked copy (its redact_url is live) of a sample Aadhaar scan by default", async () => {
      await as("reviewer");
      const fileUrl = `${origin}/files/aadhaar-01.svg`;
      const post = (path: string, body: unknown, headers: Record<string, string>) =>
        fetch(`${origin}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      const { access_token } = (await (
        await post("/v1/bulk/authtoken", undefined, { "Client-Id": "sim-id", "Client-Secret": "sim-secret" })
      ).json()) as { access_token: string };
      const uploaded = await post(
        "/v1/bulk/multiupload",
        { product_type: "POC_CDL", file_urls: [{ file_url: fileUrl, document_id: "1" }] },
        { Token: access_token },
      );
      const { batch_id } = ((await uploaded.json()) as Array<{ batch_id: string }>)[0]!;
      const extracts = (await (
        await fetch(`${origin}/v1/bulk/extracts?batch_id=${batch_id}`, { headers: { Token: access_token } })
      ).json()) as { data: Array<{ file_data: { aadhaar_number: { value: string } } }> };
      const fileData = extracts.data[0]!.file_data;
      const full = fileData.aadhaar_number.value;
      const [row] = await t.db
        .insert(documents)
        .values({
          batchId,
          externalId: `aadhaar-sim-${driver}`,
          fileUrl,
          status: "extracted",
          documentType: "AADHAAR",
          fileData,
        })
        .returning({ id: documents.id });
      const masked = await get(row!.id);
      expect(masked.status).toBe(200);
      expect(masked.headers.get("x-file-variant")).toBe("redacted");
      const svg = await masked.text();
      expect(svg).toContain(`XXXX XXXX ${full.slice(-4)}`);
      expect(svg).not.toContain(full);
      expect(await reveals(t.db, row!.id)).toHaveLength(0);
      const revealed = await get(row!.id, "?reveal=1");
      expect(revealed.headers.get("x-file-variant")).toBe("original");
      expect(await revealed.text()).toContain(full);
    });

    it("is hidden entirely when Atlas gave no masked copy, until the audited reveal", async () => {
      await as("qa");
      const id = await doc({
        documentId: `aadhaar-bare-${driver}`,
        path: "/aadhaar-full.png",
        type: "PAN", // an Aadhaar number found on another document type counts the same
        aadhaar: true,
      });
      const hidden = await get(id);
      expect(hidden.status).toBe(403);
      expect(await hidden.json()).toMatchObject({ pii: true, canReveal: true });
      expect(await reveals(t.db, id)).toHaveLength(0);
      expect((await get(id, "?reveal=1")).status).toBe(200);
      expect(await reveals(t.db, id)).toHaveLength(1);
    });

    it.each(["aadhaar", "Aadhaar Card", "AADHAAR_FRONT", "E_AADHAAR", "masked-aadhar"])(
      "is hidden when Atlas calls the document %s, even with no number field extracted",
      async (type) => {
        await as("reviewer");
        const id = await doc({
          documentId: `aadhaar-type-${type.replace(/\W/g, "")}-${driver}`,
          path: "/aadhaar-full.png",
          type,
        });
        const hidden = await get(id);
        expect(hidden.status).toBe(403);
        expect(await hidden.json()).toMatchObject({ pii: true, canReveal: true });
        expect((await get(id, "?reveal=1")).status).toBe(200);
        expect(await reveals(t.db, id)).toHaveLength(1);
      },
    );

    it("says why when the masked copy cannot be loaded, and still keeps the full scan hidden", async () => {
      await as("reviewer");
      const id = await doc({
        documentId: `aadhaar-gone-${driver}`,
        path: "/aadhaar-full.png",
        type: "AADHAAR",
        fileData: { aadhaar_number: { value: "x", redact_url: `${origin}/missing.png` } },
        aadhaar: true,
      });
      const response = await get(id);
      expect(response.status).toBe(502);
      const body = (await response.json()) as { error: string; pii: boolean };
      expect(body.pii).toBe(true);
      expect(body.error).toMatch(
        /^This scan shows an Aadhaar number, and its masked copy .*could not be loaded \(Storage has no file at this link/,
      );
    });
  });
});
