import { describe, expect, it } from "vitest";
import { commandFor, isTypingTarget, SHORTCUTS, type KeyInput } from "./keys";

const key = (k: string, extra: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...extra,
});

describe("commandFor", () => {
  it.each([
    ["j", "next-field"],
    ["ArrowDown", "next-field"],
    ["k", "previous-field"],
    ["ArrowUp", "previous-field"],
    ["a", "accept"],
    ["Enter", "accept"],
    ["e", "edit"],
    ["u", "unreadable"],
    ["p", "approve"],
    ["r", "reject"],
    ["]", "next-document"],
    ["n", "next-document"],
    ["[", "previous-document"],
    ["?", "help"],
    ["+", "zoom-in"],
    ["=", "zoom-in"],
    ["-", "zoom-out"],
    ["0", "fit"],
    ["v", "reveal-scan"],
  ])("%s → %s", (k, command) => {
    expect(commandFor(key(k))).toBe(command);
  });

  it("tells shifted keys apart", () => {
    expect(commandFor(key("A", { shiftKey: true }))).toBe("accept-all");
    expect(commandFor(key("Enter", { shiftKey: true }))).toBe("approve");
    expect(commandFor(key("N", { shiftKey: true }))).toBe("previous-document");
    // r rejects; the scan turns with Shift+R.
    expect(commandFor(key("R", { shiftKey: true }))).toBe("rotate");
  });

  it("undoes with Ctrl+Z or Cmd+Z, skips with s", () => {
    expect(commandFor(key("z", { ctrlKey: true }))).toBe("undo");
    expect(commandFor(key("z", { metaKey: true }))).toBe("undo");
    expect(commandFor(key("Z", { ctrlKey: true }))).toBe("undo");
    expect(commandFor(key("Z", { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(commandFor(key("z"))).toBeNull();
    expect(commandFor(key("z", { ctrlKey: true, altKey: true }))).toBeNull();
    expect(commandFor(key("s"))).toBe("skip");
  });

  it("leaves browser shortcuts and unknown keys alone", () => {
    expect(commandFor(key("a", { ctrlKey: true }))).toBeNull();
    expect(commandFor(key("r", { metaKey: true }))).toBeNull();
    expect(commandFor(key("j", { altKey: true }))).toBeNull();
    expect(commandFor(key("x"))).toBeNull();
    expect(commandFor(key("Escape"))).toBeNull();
  });

  it("lists every command in the help overlay", () => {
    const listed = new Set(SHORTCUTS.map((s) => s.command));
    for (const k of ["j", "k", "a", "e", "u", "A", "p", "r", "]", "[", "+", "-", "0", "R", "v", "?"])
      expect(listed).toContain(commandFor(key(k, { shiftKey: k !== k.toLowerCase() })));
  });
});

describe("isTypingTarget", () => {
  it("is true for text boxes only", () => {
    expect(isTypingTarget({ tagName: "INPUT" } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: "TEXTAREA" } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: "DIV", isContentEditable: true } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: "TR", isContentEditable: false } as unknown as EventTarget)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
