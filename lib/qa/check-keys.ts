import type { KeyMap } from "@/lib/keys/keymap";

/**
 * The QA check workspace's keys. A key shared with the review workspace means the same there
 * (lib/keys/keymap.test.ts holds both to it), so commands share names: "accept" is Enter in both.
 */
export type CheckCommand =
  | "next-field"
  | "previous-field"
  | "accept"
  | "mark-incorrect"
  | "next-document"
  | "previous-document"
  | "help";

export const CHECK_SHORTCUTS: KeyMap<CheckCommand> = [
  { keys: ["j", "ArrowDown"], command: "next-field", label: "Next field" },
  { keys: ["k", "ArrowUp"], command: "previous-field", label: "Previous field" },
  { keys: ["c", "Enter"], command: "accept", label: "Mark the field correct (and move on)" },
  {
    keys: ["x"],
    command: "mark-incorrect",
    label: "Mark it incorrect: type the right value, Enter saves, Esc cancels",
  },
  { keys: ["n", "]"], command: "next-document", label: "Next document to check" },
  { keys: ["[", "N"], command: "previous-document", label: "Previous document" },
  { keys: ["?"], command: "help", label: "Show these shortcuts" },
];
