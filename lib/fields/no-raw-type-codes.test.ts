import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

/** Every screen and widget (.tsx), tests left out. */
function screens(): string[] {
  return ["app", "components"].flatMap((folder) =>
    readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".tsx") && !/\.test\.tsx$/.test(f))
      .map((f) => path.join(folder, f)),
  );
}

// A document type printed as a JSX child ({d.documentType}, {doc.documentType ?? "—"}) shows
// Atlas's code ("SHOP_ACT_LICENSE"); screens show DocumentTypeName / documentTypeLabel instead.
const RAW_TYPE_CHILD = /(?:^|>|\s)\{\s*[\w.!?]*documentType!?\s*(?:\?\?[^}]*)?\}/i;

describe("document types reach people by name", () => {
  it("the pattern catches a raw type code and lets a prop through", () => {
    expect(RAW_TYPE_CHILD.test(`<Td className="text-xs">{d.documentType}</Td>`)).toBe(true);
    expect(RAW_TYPE_CHILD.test(`  {item.documentType ?? "—"}`)).toBe(true);
    expect(RAW_TYPE_CHILD.test(`<FieldName documentType={r.documentType} />`)).toBe(false);
  });

  it("no screen prints a document type code as text", () => {
    const files = screens();
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((f) =>
      readFileSync(path.join(root, f), "utf8")
        .split("\n")
        .flatMap((line, i) => (RAW_TYPE_CHILD.test(line) ? [`${f}:${i + 1}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});
