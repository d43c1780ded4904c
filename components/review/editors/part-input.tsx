"use client";

import { Input, Select } from "@/components/ui/field";
import type { PartSpec } from "@/lib/fields/registry";
import { checkScalar } from "@/lib/fields/values";

type Props = {
  id: string;
  part: PartSpec;
  value: unknown;
  /** Atlas's value of this part (an enum part keeps it as a choice). */
  original?: unknown;
  onChange: (text: string) => void;
  /** Visible label (address parts) or only an accessible one (grid cells, under a header). */
  label: string;
  visibleLabel: boolean;
  showProblem: boolean;
};

const PLACEHOLDER: Partial<Record<PartSpec["kind"], string>> = { date: "DD/MM/YYYY", amount: "0.00" };
const INPUT_MODE = { date: "numeric", amount: "decimal", number: "decimal" } as const;

/** One address part or table cell, checked by its kind (blank allowed). */
export function PartInput({ id, part, value, original, onChange, label, visibleLabel, showProblem }: Props) {
  const text = value === null || value === undefined ? "" : String(value);
  const checked = checkScalar(part, text, { blankAllowed: true, original });
  const error = showProblem && !checked.ok ? checked.message : undefined;
  // The message is ours, not the control's: the control keeps its place in the tree (and its
  // focus) when a message appears while the reviewer types.
  const a11y = {
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-problem` : undefined,
  };
  const labelled = visibleLabel
    ? { label, labelClassName: "text-xs", ...a11y }
    : { "aria-label": label, ...a11y };
  const problem = error ? (
    <p id={`${id}-problem`} className="mt-0.5 text-xs text-red-700 dark:text-red-300">
      {error}
    </p>
  ) : null;
  if (part.kind === "enum") {
    const options = part.options ?? [];
    const extra = [original, text].filter(
      (v, i, all): v is string =>
        typeof v === "string" && v !== "" && !options.includes(v) && all.indexOf(v) === i,
    );
    return (
      <div>
        <Select
          id={id}
          {...labelled}
          density="xs"
          className="w-full rounded dark:bg-slate-950"
          value={text}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">(none)</option>
          {extra.map((v) => (
            <option key={`as-read-${v}`} value={v}>
              {v} (as read)
            </option>
          ))}
          {options.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </Select>
        {problem}
      </div>
    );
  }
  const numeric = part.kind === "amount" || part.kind === "number";
  return (
    <div>
      <Input
        id={id}
        {...labelled}
        density="xs"
        className={`w-full rounded dark:bg-slate-950 ${numeric ? "text-right tabular-nums" : ""}`}
        value={text}
        placeholder={PLACEHOLDER[part.kind]}
        data-value-kind={part.kind}
        inputMode={part.digits ? "numeric" : INPUT_MODE[part.kind as keyof typeof INPUT_MODE]}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
      />
      {problem}
    </div>
  );
}
