"use client";

import { useEffect, useRef } from "react";
import { FieldValue } from "@/components/documents/field-value";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { Td, Th } from "@/components/ui/table";
import { fieldSpec } from "@/lib/fields/registry";
import type { CheckField } from "@/lib/qa/verdicts";

export type FieldVerdict = { correct: boolean; rightValue: string | null };

type Props = {
  field: CheckField;
  documentType: string | null;
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

export function CheckFieldRow(props: Props) {
  const { field, verdict, active, editing } = props;
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (editing) input.current?.focus();
  }, [editing]);
  const spec = fieldSpec(props.documentType, field.path, field.value);
  const label = spec.label;
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
      <Th scope="row" className="px-3">
        {label}
        <span className="block font-mono text-xs font-normal text-slate-500">{field.path}</span>
      </Th>
      <Td className="px-3">
        <FieldValue value={field.value} spec={spec} />
      </Td>
      {props.blind ? null : (
        <Td className="px-3 font-mono text-xs tabular-nums">
          {field.confidence === null ? "—" : field.confidence.toFixed(2)}
        </Td>
      )}
      <Td className="px-3">
        <div className="flex flex-wrap items-center gap-1">
          <Button
            variant={state === "correct" ? "success" : "secondary"}
            size="xs"
            className="border py-0.5"
            aria-pressed={state === "correct"}
            aria-label={`${label}: correct`}
            onClick={(e) => {
              e.stopPropagation();
              props.onCorrect();
            }}
          >
            Correct
          </Button>
          <Button
            variant={state === "incorrect" ? "danger" : "secondary"}
            size="xs"
            className="border py-0.5"
            aria-pressed={state === "incorrect"}
            aria-label={`${label}: incorrect`}
            onClick={(e) => {
              e.stopPropagation();
              props.onStartIncorrect();
            }}
          >
            Incorrect
          </Button>
        </div>
        {editing ? (
          <form
            className="mt-2 flex gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              props.onSubmitIncorrect(input.current?.value ?? "");
            }}
          >
            <Input
              id={`right-${field.id}`}
              label={`Right value for ${label}`}
              labelClassName="sr-only"
              fieldClassName="w-full"
              density="xs"
              ref={input}
              defaultValue={verdict?.rightValue ?? ""}
              onKeyDown={(e) => {
                if (e.key === "Escape") props.onCancel();
              }}
              className="mt-0 w-full rounded"
            />
            <Button type="submit" variant="secondary" size="xs" className="py-0.5">
              Save
            </Button>
          </form>
        ) : verdict && !verdict.correct ? (
          <p className="mt-1 text-xs">
            Right value: <span className="font-medium">{verdict.rightValue}</span>
          </p>
        ) : null}
      </Td>
    </tr>
  );
}
