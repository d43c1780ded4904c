import { Button } from "./button";
import { cn } from "./cn";
import { controlVariants } from "./field";

/**
 * The pieces of the GET filter forms above every list (batches, documents, applications, review
 * queue, audit trail): filters live in the URL, so these are plain form controls, no state.
 */
export const filterControl = cn(controlVariants({ density: "sm" }), "mt-1");

type Option = string | { value: string; label: string };

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
    <label className="text-sm font-medium">
      {label}
      <select name={name} defaultValue={defaultValue} className={filterControl}>
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
      </select>
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
