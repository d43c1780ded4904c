/**
 * One key-map table per screen (action → keys, description) drives both the keydown handler and
 * the `?` help. Keys are `KeyboardEvent.key` spellings, so they follow the keyboard layout:
 * - a printable key ("j", "A", "?", "[") matches that character; Shift is already in it ("A").
 * - a named key ("Enter", "ArrowDown") matches only without Shift; "Shift+Enter" only with it.
 * - "Ctrl+z" matches z with Ctrl or Cmd (either case, without Shift); no other binding matches with Ctrl, Cmd or
 *   Alt held, so the browser's own shortcuts are left alone.
 */
export type KeyBinding<Command extends string> = {
  command: Command;
  keys: readonly string[];
  /** What the help says the keys do. */
  label: string;
  /** A word or two for the one-line hint under the workspace; left out of it when absent. */
  short?: string;
};

export type KeyMap<Command extends string> = readonly KeyBinding<Command>[];

export type KeyInput = {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
};

function matches(binding: string, event: KeyInput): boolean {
  const withCtrl = binding.startsWith("Ctrl+");
  if (event.altKey || withCtrl !== (event.ctrlKey || event.metaKey)) return false;
  // Ctrl+Shift+Z is redo in most apps: left alone.
  if (withCtrl) return !event.shiftKey && event.key.toLowerCase() === binding.slice("Ctrl+".length);
  const shifted = binding.startsWith("Shift+");
  const key = shifted ? binding.slice("Shift+".length) : binding;
  if (key.length === 1) return event.key === key;
  return event.key === key && event.shiftKey === shifted;
}

export function commandIn<Command extends string>(map: KeyMap<Command>, event: KeyInput): Command | null {
  return map.find((b) => b.keys.some((k) => matches(k, event)))?.command ?? null;
}

const LABEL: Record<string, string> = { ArrowDown: "↓", ArrowUp: "↑", ArrowLeft: "←", ArrowRight: "→" };

/** How a key is shown: arrows as arrows, "A" as "Shift+A" so nobody hunts for a capital. */
export function keyLabel(key: string): string {
  if (LABEL[key]) return LABEL[key];
  if (key.length === 1 && key !== key.toLowerCase()) return `Shift+${key}`;
  return key;
}

/** The keys of one command, for a button's "(n)" or the hint line. */
export function keysOf<Command extends string>(map: KeyMap<Command>, command: Command): readonly string[] {
  return map.find((b) => b.command === command)?.keys ?? [];
}

/** "j next field · k previous field · …", from the entries that have a `short`. */
export function keyHint<Command extends string>(map: KeyMap<Command>): string {
  return map
    .filter((b) => b.short && b.keys[0])
    .map((b) => `${keyLabel(b.keys[0]!)} ${b.short}`)
    .join(" · ");
}

/** Typing in a box must not trigger shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== "string") return false;
  const element = target as HTMLElement;
  const tag = element.tagName.toLowerCase();
  return tag === "input" || tag === "textarea" || tag === "select" || element.isContentEditable === true;
}

/** Enter or Space on a focused button, link or summary is that control's own action, not a shortcut. */
export function isControlActivation(event: { key: string; target: EventTarget | null }): boolean {
  if (event.key !== "Enter" && event.key !== " ") return false;
  const tag = (event.target as HTMLElement | null)?.tagName;
  return tag === "BUTTON" || tag === "A" || tag === "SUMMARY";
}
