"use client";

import { useMemo, useState } from "react";
import { FieldValue } from "@/components/documents/field-value";
import type { FieldSpec } from "@/lib/fields/registry";
import { checkCorrection } from "@/lib/review/correction";
import type { FieldView } from "@/lib/review/types";
import { EditorFrame } from "./editor-frame";
import { PartsEditor } from "./parts-editor";
import { AmountEditor, DateEditor, EnumEditor, TextEditor, type ScalarEditorProps } from "./scalar-editors";
import { TableEditor } from "./table-editor";

type Props = {
  field: FieldView;
  spec: FieldSpec;
  documentType: string | null;
  /** The workspace's draft: text for a scalar, JSON for an address or a table. */
  draft: string;
  onDraft: (text: string) => void;
  onSave: () => void;
  onCancel: () => void;
  busy: boolean;
};

type Row = Record<string, unknown>;
const isRow = (v: unknown): v is Row => typeof v === "object" && v !== null && !Array.isArray(v);

/** Where a structured edit starts: the draft's value, or empty parts when it starts blank (masked). */
function startValue(draft: string, spec: FieldSpec): unknown {
  try {
    if (draft.trim()) return JSON.parse(draft);
  } catch {
    // Not JSON: start from the empty shape below.
  }
  if (spec.kind === "table") return [];
  return Object.fromEntries((spec.parts ?? []).map((p) => [p.key, ""]));
}

const SCALAR_EDITORS: Partial<Record<FieldSpec["kind"], (props: ScalarEditorProps) => React.ReactNode>> = {
  date: DateEditor,
  amount: AmountEditor,
  enum: EnumEditor,
};

/**
 * The editor for one field, chosen by its kind (registry.ts) and the shape of its value: text,
 * date, amount, enum, address parts or a grid for a table, all in one frame with the original
 * beside the correction and Save / Cancel. Problems are the server's own checks
 * (lib/review/correction.ts), run as the reviewer types.
 */
export function FieldEditor({ field, spec, documentType, draft, onDraft, onSave, onCancel, busy }: Props) {
  const [structured, setStructured] = useState(() => (field.structured ? startValue(draft, spec) : null));
  const [dirty, setDirty] = useState(false);
  const value = field.structured ? structured : draft;
  const problems = useMemo(() => {
    const checked = checkCorrection(documentType, field.path, field.shown, value, new Date());
    return checked.ok ? [] : checked.problems;
  }, [documentType, field.path, field.shown, value]);

  const setValue = (next: unknown) => {
    setDirty(true);
    setStructured(next);
    onDraft(JSON.stringify(next));
  };
  const id = `edit-${field.id}`;
  let editor: React.ReactNode;
  if (field.structured && Array.isArray(value) && (spec.kind === "table" || value.every(isRow)))
    editor = <TableEditor id={id} spec={spec} rows={value as Row[]} onChange={setValue} dirty={dirty} />;
  else if (field.structured && isRow(value))
    editor = (
      <PartsEditor
        id={id}
        spec={spec}
        value={value}
        original={field.shown}
        onChange={setValue}
        dirty={dirty}
      />
    );
  else {
    const Scalar = SCALAR_EDITORS[spec.kind] ?? TextEditor;
    editor = (
      <Scalar
        id={id}
        spec={spec}
        value={typeof value === "string" ? value : JSON.stringify(value)}
        original={field.shown}
        masked={field.masked}
        dirty={dirty}
        onChange={(text) => {
          setDirty(true);
          if (field.structured) setStructured(text);
          onDraft(text);
        }}
      />
    );
  }

  return (
    <EditorFrame
      label={spec.label}
      original={<FieldValue value={field.shown} spec={spec} />}
      problems={problems}
      dirty={dirty}
      stacked={Array.isArray(value)}
      busy={busy}
      onSave={onSave}
      onCancel={onCancel}
    >
      {editor}
    </EditorFrame>
  );
}
