import { Table, TableCaption, TBody, Td, Th, THead } from "@/components/ui/table";
import type { Agreement, AgreementRow } from "@/lib/qa/agreement";
import { pct } from "./tables";

const LABEL: Record<Agreement, string> = {
  agrees: "Page agrees",
  disagrees: "Page reads something else",
  not_found: "Not found on the page",
  not_read: "Scan not read",
};

/** Accuracy by second-reader agreement: all verdicts, then only those Atlas was most sure of. */
export function AgreementTable({ rows }: { rows: AgreementRow[] }) {
  return (
    <Table>
      <TableCaption>Accuracy by second-reader agreement</TableCaption>
      <THead>
        <tr>
          <Th className="px-3">Second reader</Th>
          <Th className="px-3">Verdicts</Th>
          <Th numeric className="px-3">
            Count
          </Th>
          <Th numeric className="px-3">
            Accuracy
          </Th>
          <Th numeric className="px-3">
            95% interval
          </Th>
        </tr>
      </THead>
      <TBody>
        {rows.map((r) => (
          <tr key={`${r.agreement}-${r.minConfidence}`} data-testid="agreement-row">
            <Th scope="row" className="px-3">
              {LABEL[r.agreement]}
            </Th>
            <Td className="px-3 text-xs">
              {r.minConfidence === null ? "all" : `confidence ≥ ${r.minConfidence}`}
            </Td>
            <Td numeric className="px-3">
              {r.verdicts}
            </Td>
            <Td numeric className="px-3 font-medium">
              {pct(r.accuracy)}
            </Td>
            <Td numeric className="px-3 text-xs text-slate-500">
              {r.interval ? `${pct(r.interval.low)} – ${pct(r.interval.high)}` : "—"}
            </Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
