"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { humaniseKey, type FieldSpec, type PartSpec } from "@/lib/fields/registry";
import { PartInput } from "./part-input";

type Row = Record<string, unknown>;

type Props = {
  id: string;
  spec: FieldSpec;
  rows: Row[];
  onChange: (rows: Row[]) => void;
  dirty: boolean;
};

function columnsOf(spec: FieldSpec, rows: Row[]): PartSpec[] {
  const known = spec.columns ?? [];
  const extra = [...new Set(rows.flatMap((r) => Object.keys(r)))]
    .filter((k) => !known.some((c) => c.key === k))
    .map((key): PartSpec => ({ key, label: humaniseKey(key), kind: "text" }));
  return [...known, ...extra];
}

const WIDTH: Partial<Record<PartSpec["kind"], string>> = {
  date: "min-w-[7.5rem]",
  amount: "min-w-[7rem]",
  number: "min-w-[4.5rem]",
  text: "min-w-[11rem]",
};

/**
 * A table field (bank statement transactions, invoice line items) as a grid of inputs: Tab moves
 * cell to cell, each cell is checked by its column's kind, rows can be added and removed. The
 * grid scrolls inside its cell rather than widening the page.
 */
export function TableEditor({ id, spec, rows, onChange, dirty }: Props) {
  const columns = columnsOf(spec, rows);
  // Stable keys, so removing a row keeps what was typed in the others.
  const next = useRef(rows.length);
  const [keys, setKeys] = useState(() => rows.map((_, i) => i));
  const grid = useRef<HTMLDivElement>(null);

  function addRow() {
    const row = Object.fromEntries(columns.map((c) => [c.key, ""]));
    setKeys((k) => [...k, next.current++]);
    onChange([...rows, row]);
    requestAnimationFrame(() =>
      grid.current
        ?.querySelector<HTMLElement>(`[data-row="${rows.length}"] input, [data-row="${rows.length}"] select`)
        ?.focus(),
    );
  }

  function removeRow(index: number) {
    setKeys((k) => k.filter((_, i) => i !== index));
    onChange(rows.filter((_, i) => i !== index));
  }

  return (
    <div className="space-y-2">
      <div ref={grid} className="max-w-full">
        <Table
          className="max-h-96 overflow-auto rounded bg-transparent dark:bg-transparent"
          tableClassName="text-xs"
        >
          <THead className="sticky top-0 z-10 bg-slate-50 normal-case tracking-normal dark:bg-slate-800">
            <Tr>
              <Th className="w-8 px-1.5 py-1 font-medium">#</Th>
              {columns.map((c) => (
                <Th key={c.key} className="px-1.5 py-1 font-medium">
                  {c.label}
                </Th>
              ))}
              <Th className="px-1.5 py-1">
                <span className="sr-only">Remove</span>
              </Th>
            </Tr>
          </THead>
          <TBody>
            {rows.map((row, i) => (
              <Tr key={keys[i] ?? `extra-${i}`} data-row={i}>
                <Td className="px-1.5 py-1 align-top tabular-nums text-slate-600 dark:text-slate-400">
                  {i + 1}
                </Td>
                {columns.map((c) => (
                  <Td key={c.key} className={`px-1 py-1 align-top ${WIDTH[c.kind] ?? "min-w-[8rem]"}`}>
                    <PartInput
                      id={`${id}-${i}-${c.key}`}
                      part={c}
                      value={row[c.key]}
                      label={`${c.label}, row ${i + 1}`}
                      visibleLabel={false}
                      showProblem={dirty}
                      onChange={(text) =>
                        onChange(rows.map((r, j) => (j === i ? { ...r, [c.key]: text } : r)))
                      }
                    />
                  </Td>
                ))}
                <Td className="whitespace-nowrap px-1 py-1 align-top">
                  <Button
                    size="xs"
                    variant="secondary"
                    aria-label={`Remove row ${i + 1}`}
                    onClick={() => removeRow(i)}
                  >
                    Remove
                  </Button>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </div>
      <Button size="xs" variant="secondary" onClick={addRow}>
        Add row
      </Button>
      <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">
        {rows.length} {rows.length === 1 ? "row" : "rows"}
      </span>
    </div>
  );
}
