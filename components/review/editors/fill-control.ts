/**
 * Puts text into an editor's control from outside it (a word picked on the scan), as if typed:
 * the value is set through the element's own setter and an `input`/`change` event is sent, so
 * the editor's React `onChange` runs and its checks see the text (the technique Testing
 * Library's fireEvent uses). Client-only.
 */
import { pickedText } from "@/lib/second-reader/overlay";

export type EditorControl = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const CONTROLS = "input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea, select";

/** The editor's controls under `root`, in page order. */
export function editorControls(root: ParentNode | null): EditorControl[] {
  return root ? [...root.querySelectorAll<EditorControl>(CONTROLS)].filter((c) => !c.disabled) : [];
}

function setAsTyped(control: EditorControl, value: string) {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(control), "value")?.set;
  if (setter) setter.call(control, value);
  else control.value = value;
  control.dispatchEvent(
    new Event(control instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }),
  );
}

/**
 * Puts `text` into `control` (its kind, `data-value-kind`, shapes dates and amounts:
 * lib/second-reader/overlay.ts pickedText), replacing what is there or adding it after a
 * space. A select takes the option whose value or label is the text (case and spacing
 * ignored). Returns what went in, or an error sentence when nothing could.
 */
export function fillControl(
  control: EditorControl,
  text: string,
  how: "replace" | "append",
): { ok: true; value: string } | { ok: false; message: string } {
  const piece = pickedText(control.dataset.valueKind, text);
  if (!piece) return { ok: false, message: "That word is empty." };
  if (control instanceof HTMLSelectElement) {
    const wanted = piece.toLowerCase().replace(/[\s_]+/g, " ");
    const option = [...control.options].find(
      (o) =>
        o.value !== "" &&
        (o.value.toLowerCase().replace(/[\s_]+/g, " ") === wanted ||
          o.text.toLowerCase().replace(/\s+/g, " ") === wanted),
    );
    if (!option)
      return { ok: false, message: `“${piece}” is not one of the choices: pick it from the list.` };
    setAsTyped(control, option.value);
    control.focus();
    return { ok: true, value: option.value };
  }
  const before = control.value.trimEnd();
  const value = how === "append" && before ? `${before} ${piece}` : piece;
  setAsTyped(control, value);
  control.focus();
  control.setSelectionRange?.(value.length, value.length);
  return { ok: true, value };
}
