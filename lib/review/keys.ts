/**
 * The workspace's keyboard map, pure so it can be tested and listed in the `?` overlay from the
 * same table. Keys are read from `KeyboardEvent.key`, so they follow the keyboard layout.
 */
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
  | "help";

export type KeyInput = {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
};

export const SHORTCUTS: { keys: string[]; command: ReviewCommand; label: string }[] = [
  { keys: ["j", "↓"], command: "next-field", label: "Next field" },
  { keys: ["k", "↑"], command: "previous-field", label: "Previous field" },
  { keys: ["a", "Enter"], command: "accept", label: "Accept the value" },
  { keys: ["e"], command: "edit", label: "Correct the value (Enter saves, Esc cancels)" },
  { keys: ["u"], command: "unreadable", label: "Mark unreadable" },
  { keys: ["Shift+A"], command: "accept-all", label: "Accept all above threshold" },
  { keys: ["p", "Shift+Enter"], command: "approve", label: "Approve the document" },
  { keys: ["r"], command: "reject", label: "Reject the document (with a reason)" },
  { keys: ["]", "n"], command: "next-document", label: "Next document" },
  { keys: ["[", "Shift+N"], command: "previous-document", label: "Previous document" },
  { keys: ["?"], command: "help", label: "Show these shortcuts" },
];

export function commandFor(event: KeyInput): ReviewCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case "j":
    case "ArrowDown":
      return "next-field";
    case "k":
    case "ArrowUp":
      return "previous-field";
    case "a":
      return "accept";
    case "Enter":
      return event.shiftKey ? "approve" : "accept";
    case "e":
      return "edit";
    case "u":
      return "unreadable";
    case "A":
      return "accept-all";
    case "p":
      return "approve";
    case "r":
      return "reject";
    case "]":
    case "n":
      return "next-document";
    case "[":
    case "N":
      return "previous-document";
    case "?":
      return "help";
    default:
      return null;
  }
}

/** Typing in a box must not trigger shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== "string") return false;
  const element = target as HTMLElement;
  const tag = element.tagName.toLowerCase();
  return tag === "input" || tag === "textarea" || tag === "select" || element.isContentEditable === true;
}
