"use client";

import { humaniseKey, type FieldSpec, type PartSpec } from "@/lib/fields/registry";
import { PartInput } from "./part-input";

type Props = {
  id: string;
  spec: FieldSpec;
  value: Record<string, unknown>;
  original: unknown;
  onChange: (value: Record<string, unknown>) => void;
  dirty: boolean;
};

/** The registry's parts first (in their order), then any other key the value carries. */
function partsOf(spec: FieldSpec, value: Record<string, unknown>): PartSpec[] {
  const known = spec.parts ?? [];
  const extra = Object.keys(value)
    .filter((k) => !known.some((p) => p.key === k))
    .map((key): PartSpec => ({ key, label: humaniseKey(key), kind: "text" }));
  return [...known, ...extra];
}

/** An address (or any object of text) part by part: line 1, line 2, city, state, PIN code. */
export function PartsEditor({ id, spec, value, original, onChange, dirty }: Props) {
  const before =
    typeof original === "object" && original !== null ? (original as Record<string, unknown>) : {};
  return (
    <div className="grid gap-2 sm:grid-cols-2">
      {partsOf(spec, value).map((part) => (
        <PartInput
          key={part.key}
          id={`${id}-${part.key}`}
          part={part}
          value={value[part.key]}
          original={before[part.key]}
          label={part.label}
          visibleLabel
          showProblem={dirty}
          onChange={(text) => onChange({ ...value, [part.key]: text })}
        />
      ))}
    </div>
  );
}
