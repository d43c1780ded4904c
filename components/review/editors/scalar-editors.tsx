"use client";

import { Input, Select, Textarea } from "@/components/ui/field";
import { humaniseKey, type FieldSpec } from "@/lib/fields/registry";
import { formatAmountText, formatCalendarDate } from "@/lib/format";
import { checkScalar, parseAmountInput, parseDateInput } from "@/lib/fields/values";

export type ScalarEditorProps = {
  id: string;
  spec: FieldSpec;
  /** The text being typed (the workspace's draft). */
  value: string;
  onChange: (text: string) => void;
  /** Atlas's value (an enum offers it even when it is not one of the options). */
  original: unknown;
  /** The value on screen is masked: the reviewer types the full value. */
  masked: boolean;
  /** The reviewer has changed something: problems may show. */
  dirty: boolean;
};

const LABEL = "Corrected value";
const CLASSES = "w-full rounded dark:bg-slate-950";

/** A date read back in words ("Wed, 16 July 1986"), so a swapped day and month shows. */
function dateInWords(text: string): string | null {
  const parsed = parseDateInput(text);
  if (!parsed.ok || parsed.value === "NA") return null;
  const [day, month, year] = parsed.value.split("/").map(Number) as [number, number, number];
  return formatCalendarDate(year, month, day);
}

/** Free text, identifiers, names and one-line addresses (long ones get a text area). */
export function TextEditor({ id, spec, value, onChange, masked, dirty }: ScalarEditorProps) {
  const checked = checkScalar({ ...spec, kind: "text" }, value);
  const error = dirty && !checked.ok ? checked.message : undefined;
  const label = masked ? `${LABEL} (type the full value)` : LABEL;
  const common = {
    id,
    label,
    labelClassName: "text-xs",
    density: "xs" as const,
    error,
    className: CLASSES,
  };
  if (spec.kind === "address" || value.length > 60)
    return <Textarea {...common} rows={3} value={value} onChange={(e) => onChange(e.target.value)} />;
  return (
    <Input
      {...common}
      value={value}
      autoComplete="off"
      spellCheck={spec.kind === "name" || spec.kind === "text"}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** DD/MM/YYYY, checked against the calendar as typed and read back in words. */
export function DateEditor({ id, spec, value, onChange, dirty }: ScalarEditorProps) {
  const checked = checkScalar({ ...spec, kind: "date" }, value);
  const words = checked.ok ? dateInWords(checked.value) : null;
  return (
    <Input
      id={id}
      label={`${LABEL} (DD/MM/YYYY)`}
      labelClassName="text-xs"
      density="xs"
      className={CLASSES}
      inputMode="numeric"
      data-value-kind="date"
      placeholder="DD/MM/YYYY"
      autoComplete="off"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={dirty && !checked.ok ? checked.message : undefined}
      hint={words ?? undefined}
    />
  );
}

/** An amount in rupees, typed any way ("1,50,000", "1.5 lakh"); saved as plain decimal text. */
export function AmountEditor({ id, spec, value, onChange, dirty }: ScalarEditorProps) {
  const checked = checkScalar({ ...spec, kind: "amount" }, value);
  const plain = parseAmountInput(value);
  return (
    <div className="flex items-start gap-1">
      <span aria-hidden="true" className="mt-6 text-sm text-slate-600 dark:text-slate-300">
        ₹
      </span>
      <Input
        id={id}
        label={`${LABEL} (₹)`}
        labelClassName="text-xs"
        density="xs"
        className={`${CLASSES} text-right tabular-nums`}
        fieldClassName="flex-1"
        inputMode="decimal"
        data-value-kind="amount"
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={dirty && !checked.ok ? checked.message : undefined}
        hint={plain === null ? undefined : `${formatAmountText(plain)} (saved as ${plain})`}
      />
    </div>
  );
}

const optionLabel = (option: string) => (option.includes("_") ? humaniseKey(option) : option);

/** One of the field's options; Atlas's value is offered too when it is not one of them. */
export function EnumEditor({ id, spec, value, onChange, original }: ScalarEditorProps) {
  const options = spec.options ?? [];
  const extra = [original, value].filter(
    (v, i, all): v is string =>
      typeof v === "string" && v !== "" && !options.includes(v) && all.indexOf(v) === i,
  );
  return (
    <Select
      id={id}
      label={LABEL}
      labelClassName="text-xs"
      density="xs"
      className={CLASSES}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    >
      {value === "" ? <option value="">Choose…</option> : null}
      {extra.map((v) => (
        <option key={`as-read-${v}`} value={v}>
          {v} (as read)
        </option>
      ))}
      {options.map((o) => (
        <option key={o} value={o}>
          {optionLabel(o)}
        </option>
      ))}
    </Select>
  );
}
