import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clearDraft, hashContent, keyForSubmit, loadDraft, saveDraft } from "./draft";
import { formatMegabytes, maxBatchTextBytes, utf8Length } from "./limits";

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    if (value.length > this.quota) throw new DOMException("full", "QuotaExceededError");
    this.items.set(key, value);
  }
}

describe("the saved draft", () => {
  it("keeps the key, text, label and product type across a reload", () => {
    const storage = new MemoryStorage();
    const draft = { clientKey: "k1", text: "a,b", label: "L", productType: "PFL_CDL", submittedHash: "h" };
    saveDraft(storage, "d", draft);
    expect(loadDraft(storage, "d")).toEqual(draft);
    clearDraft(storage, "d");
    expect(loadDraft(storage, "d")).toBeNull();
  });

  it("keeps the key without the text when the text is too large for the browser", () => {
    const storage = new MemoryStorage(1_000_000);
    saveDraft(storage, "d", { clientKey: "k1", text: "x".repeat(1_500_000), submittedHash: "h" });
    expect(loadDraft(storage, "d")).toEqual({
      clientKey: "k1",
      textOmittedBytes: 1_500_000,
      submittedHash: "h",
    });
    saveDraft(storage, "d", { clientKey: "k2", text: "x".repeat(3_000_000) });
    expect(loadDraft(storage, "d")).toMatchObject({ clientKey: "k2", textOmittedBytes: 3_000_000 });
  });

  it("ignores a draft it cannot read", () => {
    const storage = new MemoryStorage();
    storage.setItem("d", "{not json");
    expect(loadDraft(storage, "d")).toBeNull();
  });

  it("submits with the saved key unless the content changed since it was submitted", () => {
    const fresh = () => "new";
    expect(keyForSubmit({ clientKey: "k" }, hashContent("a"), fresh)).toBe("k");
    expect(keyForSubmit({ clientKey: "k", submittedHash: hashContent("a") }, hashContent("a"), fresh)).toBe(
      "k",
    );
    expect(keyForSubmit({ clientKey: "k", submittedHash: hashContent("a") }, hashContent("b"), fresh)).toBe(
      "new",
    );
  });

  it("hashes content so that different parts never collide by concatenation", () => {
    expect(hashContent("ab", "c")).not.toBe(hashContent("a", "bc"));
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(hashContent(a)).toBe(hashContent(a));
        if (a !== b) expect(hashContent(a)).not.toBe(hashContent(b));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("batch size limits", () => {
  it("allows 2 KB a row: 10.2 MB for 5,000 rows", () => {
    expect(maxBatchTextBytes(5000)).toBe(10_240_000);
    expect(formatMegabytes(maxBatchTextBytes(5000))).toBe("10.2 MB");
  });

  it("measures UTF-8 bytes like an encoder does (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => {
        expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
      }),
      { numRuns: 3000 },
    );
  });
});
