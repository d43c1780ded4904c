/**
 * The pieces of the GET filter forms above every list (batches, documents, applications, review
 * queue, audit trail): filters live in the URL, so these are plain form controls, no state.
 */
import { Button } from "./button";
import { cn } from "./cn";
import { Input, Select } from "./field";

type Option = string | { value: string; label: string };

/** `<form method="get">` laid out as one row of filters; `label` names it for screen readers. */
export function FilterForm({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <form method="get" className={cn("flex flex-wrap items-end gap-3", className)} aria-label={label}>
      {children}
    </form>
  );
}

export function FilterText({
  label,
  name,
  defaultValue,
}: {
  label: string;
  name: string;
  defaultValue: string;
}) {
  return <Input label={label} name={name} defaultValue={defaultValue} density="sm" />;
}

export function FilterSelect({
  label,
  name,
  defaultValue,
  options,
  any,
}: {
  label: string;
  name: string;
  defaultValue: string;
  options: readonly Option[];
  /** Label of the empty choice ("Any status"); omitted when a value is always chosen (sort). */
  any?: string;
}) {
  return (
    <Select label={label} name={name} defaultValue={defaultValue} density="sm">
      {any !== undefined ? <option value="">{any}</option> : null}
      {options.map((o) =>
        typeof o === "string" ? (
          <option key={o}>{o}</option>
        ) : (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ),
      )}
    </Select>
  );
}

/** A checkbox filter ("Needs review only") sitting on the row's baseline. */
export function FilterCheckbox({
  label,
  name,
  defaultChecked,
}: {
  label: string;
  name: string;
  defaultChecked: boolean;
}) {
  return (
    <label className="flex items-center gap-2 pb-2 text-sm font-medium">
      <input type="checkbox" name={name} value="true" defaultChecked={defaultChecked} />
      {label}
    </label>
  );
}

export function FilterApply({ children = "Apply" }: { children?: React.ReactNode }) {
  return (
    <Button type="submit" variant="secondary">
      {children}
    </Button>
  );
}
