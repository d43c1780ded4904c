import { cva, type VariantProps } from "class-variance-authority";
import { useId } from "react";
import { cn } from "./cn";

/** The look of every text box, select and text area; `density="sm"` is the filter-bar size. */
export const controlVariants = cva(
  "block rounded-md border border-slate-300 bg-white text-sm aria-[invalid=true]:border-red-500 disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900",
  {
    variants: {
      density: { md: "w-full px-3 py-1.5", sm: "px-2 py-1.5", xs: "px-2 py-1" },
    },
    defaultVariants: { density: "md" },
  },
);

type FieldOptions = VariantProps<typeof controlVariants> & {
  /** Visible label; the control's accessible name. Without it the control is bare. */
  label?: React.ReactNode;
  /** Help under the control, linked by aria-describedby. */
  hint?: React.ReactNode;
  /** Error under the control; sets aria-invalid and is linked by aria-describedby. */
  error?: React.ReactNode;
  /** Classes of the wrapper around label, control and texts. */
  fieldClassName?: string;
  labelClassName?: string;
};

type ControlA11y = { id: string; "aria-invalid"?: boolean; "aria-describedby"?: string };

function Field({
  options,
  id: givenId,
  describedBy,
  invalid,
  render,
}: {
  options: FieldOptions;
  id: string | undefined;
  describedBy: string | undefined;
  invalid: React.AriaAttributes["aria-invalid"];
  render: (a11y: ControlA11y) => React.ReactNode;
}) {
  const auto = useId();
  const id = givenId ?? auto;
  const { label, hint, error, fieldClassName, labelClassName } = options;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const described = [describedBy, hintId, errorId].filter(Boolean).join(" ") || undefined;
  const control = render({
    id,
    "aria-invalid": error ? true : invalid === true || invalid === "true" ? true : undefined,
    "aria-describedby": described,
  });
  if (label === undefined && !hint && !error) return control;
  return (
    <div className={fieldClassName}>
      {label !== undefined ? (
        <label htmlFor={id} className={cn("block text-sm font-medium", labelClassName)}>
          {label}
        </label>
      ) : null}
      {control}
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="mt-1 text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function split<P extends FieldOptions & { className?: string }>(props: P) {
  const { label, hint, error, fieldClassName, labelClassName, density, className, ...rest } = props;
  const options = { label, hint, error, fieldClassName, labelClassName };
  const classes = cn(controlVariants({ density }), label !== undefined && "mt-1", className);
  return { options, classes, rest };
}

export function Input(props: React.ComponentProps<"input"> & FieldOptions) {
  const { options, classes, rest } = split(props);
  const { id, "aria-describedby": describedBy, "aria-invalid": invalid, ...input } = rest;
  return (
    <Field
      options={options}
      id={id}
      describedBy={describedBy}
      invalid={invalid}
      render={(a11y) => <input {...input} {...a11y} className={classes} />}
    />
  );
}

export function Select(props: React.ComponentProps<"select"> & FieldOptions) {
  const { options, classes, rest } = split(props);
  const { id, "aria-describedby": describedBy, "aria-invalid": invalid, ...select } = rest;
  return (
    <Field
      options={options}
      id={id}
      describedBy={describedBy}
      invalid={invalid}
      render={(a11y) => <select {...select} {...a11y} className={classes} />}
    />
  );
}

export function Textarea(props: React.ComponentProps<"textarea"> & FieldOptions) {
  const { options, classes, rest } = split(props);
  const { id, "aria-describedby": describedBy, "aria-invalid": invalid, ...textarea } = rest;
  return (
    <Field
      options={options}
      id={id}
      describedBy={describedBy}
      invalid={invalid}
      render={(a11y) => <textarea {...textarea} {...a11y} className={classes} />}
    />
  );
}
