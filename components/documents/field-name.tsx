import { documentTypeLabel, fieldLabel } from "@/lib/fields/registry";

/** "PAN card · PAN number" with Atlas's key beside it: how metrics and settings name a field. */
export function FieldName({ documentType, path }: { documentType: string | null; path: string }) {
  return (
    <>
      {documentType ? documentTypeLabel(documentType) : "untyped"} · {fieldLabel(documentType, path)}{" "}
      <span className="font-mono text-xs font-normal text-slate-600 dark:text-slate-400">{path}</span>
    </>
  );
}
