import { documentTypeLabel } from "@/lib/fields/registry";

/**
 * A document type as people name it ("Shop Act licence"), with Atlas's code as its title, or
 * beside it in small type with `withCode` (where people match it against Atlas or a setting).
 */
export function DocumentTypeName({ type, withCode = false }: { type: string; withCode?: boolean }) {
  const label = documentTypeLabel(type);
  return (
    <span title={type}>
      {label}
      {withCode && label !== type ? (
        <>
          {" "}
          <span className="font-mono text-xs font-normal text-slate-600 dark:text-slate-400">{type}</span>
        </>
      ) : null}
    </span>
  );
}
