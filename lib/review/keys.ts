import { commandIn, type KeyInput, type KeyMap } from "@/lib/keys/keymap";

export { isTypingTarget, type KeyInput } from "@/lib/keys/keymap";

/** The review workspace's keys; the handler and the `?` help both read this table. */
export type ReviewCommand =
  | "next-field"
  | "previous-field"
  | "accept"
  | "edit"
  | "unreadable"
  | "accept-all"
  | "approve"
  | "reject"
  | "next-document"
  | "previous-document"
  | "undo"
  | "skip"
  | "zoom-in"
  | "zoom-out"
  | "fit"
  | "rotate"
  | "reveal-scan"
  | "help";

export const SHORTCUTS: KeyMap<ReviewCommand> = [
  { keys: ["j", "ArrowDown"], command: "next-field", label: "Next field", short: "next field" },
  { keys: ["k", "ArrowUp"], command: "previous-field", label: "Previous field", short: "previous field" },
  { keys: ["a", "Enter"], command: "accept", label: "Accept the value", short: "accept" },
  { keys: ["e"], command: "edit", label: "Correct the value (Enter saves, Esc cancels)", short: "correct" },
  { keys: ["u"], command: "unreadable", label: "Mark unreadable", short: "unreadable" },
  { keys: ["A"], command: "accept-all", label: "Accept all above threshold", short: "accept all" },
  { keys: ["p", "Shift+Enter"], command: "approve", label: "Approve the document", short: "approve" },
  { keys: ["r"], command: "reject", label: "Reject the document (with a reason)", short: "reject" },
  { keys: ["]", "n"], command: "next-document", label: "Next document", short: "next document" },
  { keys: ["[", "N"], command: "previous-document", label: "Previous document", short: "previous document" },
  { keys: ["Ctrl+z"], command: "undo", label: "Undo your last field action", short: "undo" },
  { keys: ["s"], command: "skip", label: "Skip for now (back of your queue)", short: "skip" },
  { keys: ["+", "="], command: "zoom-in", label: "Zoom the scan in" },
  { keys: ["-"], command: "zoom-out", label: "Zoom the scan out" },
  { keys: ["0"], command: "fit", label: "Fit the scan to the pane's width" },
  { keys: ["R"], command: "rotate", label: "Rotate the scan a quarter turn" },
  {
    keys: ["v"],
    command: "reveal-scan",
    label: "Show the full scan of an Aadhaar card (audited)",
    short: "full scan",
  },
  { keys: ["?"], command: "help", label: "Show these shortcuts", short: "all keys" },
];

export function commandFor(event: KeyInput): ReviewCommand | null {
  return commandIn(SHORTCUTS, event);
}
