import { describe, expect, it } from "vitest";
import { CHECK_SHORTCUTS } from "@/lib/qa/check-keys";
import { SHORTCUTS as REVIEW_SHORTCUTS } from "@/lib/review/keys";
import {
  commandIn,
  isControlActivation,
  keyHint,
  keyLabel,
  keysOf,
  type KeyInput,
  type KeyMap,
} from "./keymap";

const key = (k: string, extra: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...extra,
});

const MAP: KeyMap<"go" | "send" | "big" | "help"> = [
  { command: "go", keys: ["g", "Enter"], label: "Go", short: "go" },
  { command: "send", keys: ["Shift+Enter"], label: "Send" },
  { command: "big", keys: ["B"], label: "Big one", short: "big" },
  { command: "help", keys: ["?"], label: "Help" },
];

describe("commandIn", () => {
  it("matches printable keys as typed and named keys with their Shift state", () => {
    expect(commandIn(MAP, key("g"))).toBe("go");
    expect(commandIn(MAP, key("Enter"))).toBe("go");
    expect(commandIn(MAP, key("Enter", { shiftKey: true }))).toBe("send");
    expect(commandIn(MAP, key("B", { shiftKey: true }))).toBe("big");
    expect(commandIn(MAP, key("b"))).toBeNull();
    expect(commandIn(MAP, key("?", { shiftKey: true }))).toBe("help");
  });

  it("leaves Ctrl, Cmd and Alt combinations to the browser", () => {
    expect(commandIn(MAP, key("g", { ctrlKey: true }))).toBeNull();
    expect(commandIn(MAP, key("g", { metaKey: true }))).toBeNull();
    expect(commandIn(MAP, key("g", { altKey: true }))).toBeNull();
  });
});

describe("labels", () => {
  it("shows arrows and capitals the way a person reads them", () => {
    expect(keyLabel("ArrowDown")).toBe("↓");
    expect(keyLabel("A")).toBe("Shift+A");
    expect(keyLabel("?")).toBe("?");
    expect(keyLabel("Shift+Enter")).toBe("Shift+Enter");
  });

  it("builds the hint line from the entries with a short word", () => {
    expect(keyHint(MAP)).toBe("g go · Shift+B big");
    expect(keysOf(MAP, "send")).toEqual(["Shift+Enter"]);
  });
});

describe("isControlActivation", () => {
  it("is Enter or Space on a button, link or summary", () => {
    const on = (tagName: string) => ({ tagName }) as unknown as EventTarget;
    expect(isControlActivation({ key: "Enter", target: on("BUTTON") })).toBe(true);
    expect(isControlActivation({ key: " ", target: on("A") })).toBe(true);
    expect(isControlActivation({ key: "Enter", target: on("TR") })).toBe(false);
    expect(isControlActivation({ key: "j", target: on("BUTTON") })).toBe(false);
  });
});

describe("the review and QA check key maps", () => {
  const maps = { review: REVIEW_SHORTCUTS, qa: CHECK_SHORTCUTS } as const;

  it.each(Object.entries(maps))("%s binds each key once", (_name, map) => {
    const keys = map.flatMap((b) => b.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("give a key bound in both the same meaning", () => {
    const qaByKey = new Map(CHECK_SHORTCUTS.flatMap((b) => b.keys.map((k) => [k, b.command] as const)));
    const shared = REVIEW_SHORTCUTS.flatMap((b) =>
      b.keys.filter((k) => qaByKey.has(k)).map((k) => [k, b.command, qaByKey.get(k)] as const),
    );
    expect(shared.map(([k]) => k)).toEqual(expect.arrayContaining(["j", "k", "Enter", "n", "[", "?"]));
    for (const [, review, qa] of shared) expect(qa).toBe(review);
  });

  it("keep p for approving: QA's previous document is [ or Shift+N, as in review", () => {
    expect(commandIn(CHECK_SHORTCUTS, key("p"))).toBeNull();
    expect(commandIn(CHECK_SHORTCUTS, key("["))).toBe("previous-document");
    expect(commandIn(CHECK_SHORTCUTS, key("N", { shiftKey: true }))).toBe("previous-document");
    expect(commandIn(REVIEW_SHORTCUTS, key("p"))).toBe("approve");
  });
});
