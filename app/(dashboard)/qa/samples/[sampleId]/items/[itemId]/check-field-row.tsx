"use client";

import { useEffect, useRef } from "react";
import { FieldValue, humanise } from "@/components/documents/field-value";
import type { CheckField } from "@/lib/qa/verdicts";

export type FieldVerdict = { correct: boolean; rightValue: string | null };

type Props = {
  field: CheckField;
  index: number;
  blind: boolean;
  active: boolean;
  editing: boolean;
  verdict: FieldVerdict | null;
  onActivate: () => void;
  onCorrect: () => void;
  onStartIncorrect: () => void;
  onSubmitIncorrect: (value: string) => void;
  onCancel: () => void;
};

const button =
  "rounded border px-2 py-0.5 text-xs font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500";

export function CheckFieldRow(props: Props) {
  const { field, verdict, active, editing } = props;
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (editing) input.current?.focus();
  }, [editing]);
  const label = humanise(field.path);
  const state = verdict ? (verdict.correct ? "correct" : "incorrect") : "unchecked";

  return (
    <tr
      data-index={props.index}
      data-testid={`check-field-${field.path}`}
      data-verdict={state}
      aria-current={active ? "true" : undefined}
      onClick={props.onActivate}
      className={`${active ? "bg-indigo-50 ring-2 ring-inset ring-indigo-400 dark:bg-indigo-950/40" : ""} ${state === "incorrect" ? "text-red-900 dark:text-red-200" : ""}`}
    >
      <th scope="row" className="px-3 py-2 text-left font-medium">
        {label}
        <span className="block font-mono text-xs font-normal text-slate-500">{field.path}</span>
      </th>
      <td className="px-3 py-2">
        <FieldValue value={field.value} />
      </td>
      {props.blind ? null : (
        <td className="px-3 py-2 font-mono text-xs tabular-nums">
          {field.confidence === null ? "—" : field.confidence.toFixed(2)}
        </td>
      )}
      <td className="px-3 py-2">
        <div className="flex flex-wrap items-center gap-1">
          <button
            type="button"
            aria-pressed={state === "correct"}
            aria-label={`${label}: correct`}
            onClick={(e) => {
              e.stopPropagation();
              props.onCorrect();
            }}
            className={`${button} ${state === "correct" ? "border-emerald-600 bg-emerald-600 text-white" : "border-slate-300 dark:border-slate-700"}`}
          >
            Correct
          </button>
          <button
            type="button"
            aria-pressed={state === "incorrect"}
            aria-label={`${label}: incorrect`}
            onClick={(e) => {
              e.stopPropagation();
              props.onStartIncorrect();
            }}
            className={`${button} ${state === "incorrect" ? "border-red-600 bg-red-600 text-white" : "border-slate-300 dark:border-slate-700"}`}
          >
            Incorrect
          </button>
        </div>
        {editing ? (
          <form
            className="mt-2 flex gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              props.onSubmitIncorrect(input.current?.value ?? "");
            }}
          >
            <label className="sr-only" htmlFor={`right-${field.id}`}>
              Right value for {label}
            </label>
            <input
              id={`right-${field.id}`}
              ref={input}
              defaultValue={verdict?.rightValue ?? ""}
              onKeyDown={(e) => {
                if (e.key === "Escape") props.onCancel();
              }}
              className="w-full rounded border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
            />
            <button type="submit" className={`${button} border-slate-300 dark:border-slate-700`}>
              Save
            </button>
          </form>
        ) : verdict && !verdict.correct ? (
          <p className="mt-1 text-xs">
            Right value: <span className="font-medium">{verdict.rightValue}</span>
          </p>
        ) : null}
      </td>
    </tr>
  );
}
