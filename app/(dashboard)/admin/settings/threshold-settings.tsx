"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { Table, TBody, Td } from "@/components/ui/table";
import {
  documentTypeLabel,
  documentTypeOptions,
  documentTypeWithCode,
  fieldLabel,
} from "@/lib/fields/registry";
import { setThresholdAction } from "./actions";
import { FieldPicker } from "./field-picker";
import type { ThresholdInput } from "./schemas";

type Props = {
  global: number;
  documentTypes: string[];
  byType: { documentType: string; threshold: number }[];
  byField: { documentType: string | null; fieldPath: string; threshold: number }[];
};

export function ThresholdSettings({ global, documentTypes, byType, byField }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function save(change: ThresholdInput, done: string) {
    setError(null);
    start(async () => {
      const result = await setThresholdAction(change);
      if (result.ok) {
        toast.success(done);
        router.refresh();
      } else {
        setError(result.error.message);
        toast.error(result.error.message);
      }
    });
  }

  return (
    <div className="space-y-6">
      {error ? (
        <Alert tone="error" role="status">
          {error}
        </Alert>
      ) : null}
      <Card asChild>
        <form
          aria-label="Global threshold"
          onSubmit={(e) => {
            e.preventDefault();
            const value = String(new FormData(e.currentTarget).get("threshold") ?? "");
            save(
              { scope: "global", threshold: value as unknown as number },
              `Global threshold set to ${value}`,
            );
          }}
        >
          <CardTitle>Global default</CardTitle>
          <CardDescription className="mt-0">Used wherever no more specific threshold is set.</CardDescription>
          <div className="mt-3 flex items-end gap-3">
            <Input
              label="Threshold"
              density="sm"
              name="threshold"
              type="number"
              min={0}
              max={1}
              step={0.01}
              defaultValue={global}
              required
            />
            <Button type="submit" disabled={pending}>
              Save
            </Button>
          </div>
        </form>
      </Card>

      <Card asChild>
        <section aria-labelledby="type-heading">
          <CardTitle id="type-heading">Per document type</CardTitle>
          <ThresholdTable
            rows={byType.map((r) => ({
              key: r.documentType,
              label: documentTypeWithCode(r.documentType),
              threshold: r.threshold,
            }))}
            onRemove={(key) =>
              save(
                { scope: "document_type", documentType: key, threshold: null },
                `Removed the ${documentTypeLabel(key)} threshold`,
              )
            }
            pending={pending}
          />
          <AddThresholdForm
            label="Add a document type threshold"
            pending={pending}
            onSubmit={(data, threshold) => {
              const documentType = String(data.get("documentType") ?? "");
              save(
                { scope: "document_type", documentType, threshold },
                `${documentTypeLabel(documentType)} threshold saved`,
              );
            }}
          >
            <Select label="Document type" density="sm" name="documentType">
              {documentTypeOptions(documentTypes).map((t) => (
                <option key={t.value} value={t.value}>
                  {documentTypeWithCode(t.value)}
                </option>
              ))}
            </Select>
          </AddThresholdForm>
        </section>
      </Card>

      <Card asChild>
        <section aria-labelledby="field-heading">
          <CardTitle id="field-heading">Per field</CardTitle>
          <ThresholdTable
            rows={byField.map((r) => ({
              key: `${r.documentType ?? ""}|${r.fieldPath}`,
              label: `${r.documentType ? documentTypeLabel(r.documentType) : "Any type"} · ${fieldLabel(r.documentType, r.fieldPath)} (${r.fieldPath})`,
              threshold: r.threshold,
            }))}
            onRemove={(key) => {
              const [documentType, fieldPath] = key.split("|") as [string, string];
              save(
                { scope: "field", documentType: documentType || null, fieldPath, threshold: null },
                `Removed the ${fieldPath} threshold`,
              );
            }}
            pending={pending}
          />
          <AddThresholdForm
            label="Add a field threshold"
            pending={pending}
            onSubmit={(data, threshold) => {
              const documentType = String(data.get("documentType") ?? "") || null;
              const fieldPath = String(data.get("fieldPath") ?? "");
              save(
                { scope: "field", documentType, fieldPath, threshold },
                `${fieldLabel(documentType, fieldPath)} threshold saved`,
              );
            }}
          >
            <FieldPicker documentTypes={documentTypes} />
          </AddThresholdForm>
        </section>
      </Card>
    </div>
  );
}

/** A row of fields (`children`) plus the threshold and "Set": adds one threshold. */
function AddThresholdForm({
  label,
  pending,
  onSubmit,
  children,
}: {
  label: string;
  pending: boolean;
  /** The threshold is sent as typed; the action's schema reads and checks it. */
  onSubmit: (data: FormData, threshold: number) => void;
  children: React.ReactNode;
}) {
  return (
    <form
      aria-label={label}
      className="mt-3 flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        onSubmit(data, String(data.get("threshold") ?? "") as unknown as number);
      }}
    >
      {children}
      <Input
        label="Threshold"
        density="sm"
        name="threshold"
        type="number"
        min={0}
        max={1}
        step={0.01}
        required
      />
      <Button type="submit" disabled={pending}>
        Set
      </Button>
    </form>
  );
}

function ThresholdTable({
  rows,
  onRemove,
  pending,
}: {
  rows: { key: string; label: string; threshold: number }[];
  onRemove: (key: string) => void;
  pending: boolean;
}) {
  if (rows.length === 0) return <p className="mt-2 text-sm text-slate-500">None set.</p>;
  return (
    <Table
      className="mt-2 rounded-none border-0 bg-transparent dark:bg-transparent"
      tableClassName="w-auto min-w-[24rem]"
    >
      <TBody>
        {rows.map((r) => (
          <tr key={r.key}>
            <Td className="py-1.5 pl-0 pr-6 font-mono text-xs">{r.label}</Td>
            <Td className="py-1.5 pl-0 pr-6 tabular-nums">{r.threshold.toFixed(2)}</Td>
            <Td className="px-0 py-1.5">
              <Button
                variant="secondary"
                size="xs"
                disabled={pending}
                onClick={() => onRemove(r.key)}
                aria-label={`Remove ${r.label}`}
              >
                Remove
              </Button>
            </Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
