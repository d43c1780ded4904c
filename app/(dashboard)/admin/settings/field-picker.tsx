"use client";

import { useState } from "react";
import { Input, Select } from "@/components/ui/field";
import {
  documentTypeOptions,
  documentTypeWithCode,
  fieldsOf,
  KNOWN_DOCUMENT_TYPES,
} from "@/lib/fields/registry";

const OTHER = "__other__";

/** Every field the registry knows for a type; for "any type", every known key once. */
function choicesFor(documentType: string): { key: string; label: string }[] {
  const types = documentType ? [documentType] : KNOWN_DOCUMENT_TYPES;
  const seen = new Map<string, string>();
  for (const type of types) for (const f of fieldsOf(type)) if (!seen.has(f.path)) seen.set(f.path, f.label);
  const list = [...seen].map(([key, label]) => ({ key, label }));
  return documentType ? list : list.sort((a, b) => a.label.localeCompare(b.label));
}

/**
 * Document type, then the field picked from the registry's list by its label ("PAN number"),
 * named `documentType` and `fieldPath` in the form. A field the registry does not list can still
 * be typed ("Another field…").
 */
export function FieldPicker({ documentTypes }: { documentTypes: string[] }) {
  const [type, setType] = useState("");
  const [field, setField] = useState("");
  const types = [...new Set([...KNOWN_DOCUMENT_TYPES, ...documentTypes])];
  const choices = choicesFor(type);
  const selected =
    choices.some((c) => c.key === field) || field === OTHER ? field : (choices[0]?.key ?? OTHER);
  return (
    <>
      <Select
        label="Document type"
        density="sm"
        name="documentType"
        value={type}
        onChange={(e) => {
          setType(e.target.value);
          setField("");
        }}
      >
        <option value="">Any type</option>
        {documentTypeOptions(types).map((t) => (
          <option key={t.value} value={t.value}>
            {documentTypeWithCode(t.value)}
          </option>
        ))}
      </Select>
      <Select
        label="Field"
        density="sm"
        name={selected === OTHER ? undefined : "fieldPath"}
        value={selected}
        onChange={(e) => setField(e.target.value)}
      >
        {choices.map((c) => (
          <option key={c.key} value={c.key}>
            {c.label} ({c.key})
          </option>
        ))}
        <option value={OTHER}>Another field…</option>
      </Select>
      {selected === OTHER ? (
        <Input
          label="Field key"
          density="sm"
          name="fieldPath"
          placeholder="as Atlas sends it, e.g. consumer_number"
          hint="Lower case letters, digits and _"
          required
        />
      ) : null}
    </>
  );
}
