"use client";

import { useState, useTransition, type FormHTMLAttributes, type ReactNode } from "react";

type Failure = { message: string; fieldErrors?: Record<string, string[]> };
type Result<T> = { ok: true; data: T } | { ok: false; error: Failure };

export type ActionFormState = {
  pending: boolean;
  /** The first message for a field, to show beside it; undefined when the field is fine. */
  fieldError: (name: string) => string | undefined;
  /** The form-level message (null when none), placed by the form where it reads best. */
  message: ReactNode;
};

/**
 * The shell of a form that calls one server action: collects the FormData, runs the action in a
 * transition, shows its field errors beside the fields (`fieldError`) and any other failure as
 * one message (`message`). `onSuccess` decides what happens next (reset, refresh, navigate).
 */
export function ActionForm<T>({
  submit,
  onSuccess,
  messageRole,
  children,
  ...props
}: {
  submit: (data: FormData) => Promise<Result<T>>;
  onSuccess: (data: T, form: HTMLFormElement) => void;
  /** How the form-level message is announced: "alert" interrupts, "status" waits. */
  messageRole: "alert" | "status";
  children: (state: ActionFormState) => ReactNode;
} & Omit<FormHTMLAttributes<HTMLFormElement>, "onSubmit" | "children">) {
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);

  return (
    <form
      {...props}
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const data = new FormData(form);
        start(async () => {
          const result = await submit(data);
          if (result.ok) {
            setErrors({});
            setMessage(null);
            onSuccess(result.data, form);
            return;
          }
          setErrors(result.error.fieldErrors ?? {});
          setMessage(result.error.message);
        });
      }}
    >
      {children({
        pending,
        fieldError: (name) => errors[name]?.[0],
        message:
          message && !Object.keys(errors).length ? (
            <p role={messageRole} className="text-sm text-red-700 dark:text-red-300">
              {message}
            </p>
          ) : null,
      })}
    </form>
  );
}

/** A form value as a string ("" when absent). */
export const formText = (data: FormData, name: string) => String(data.get(name) ?? "");
