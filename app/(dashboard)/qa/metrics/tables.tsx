import { FieldName } from "@/components/documents/field-name";
import { Table, TableCaption, TableEmpty, TBody, Td, Th, THead } from "@/components/ui/table";
import type { AccuracyRow, CalibrationBucket, SuggestionOptions } from "@/lib/qa/metrics";
import type { SuggestionRow } from "@/lib/qa/report";
import { ApplyThresholdDialog } from "./apply-threshold-dialog";
import { formatPercent } from "@/lib/format";
import { DocumentTypeName } from "@/components/documents/document-type-name";

export const pct = (value: number | null | undefined, digits = 1) => formatPercent(value, digits, digits);

/** These tables are denser than the default cell. */
const dense = "px-3";

export function AccuracyTable({
  caption,
  rows,
  overall,
  withField,
}: {
  caption: string;
  rows: AccuracyRow[];
  overall: AccuracyRow;
  withField: boolean;
}) {
  const line = (r: AccuracyRow, label: React.ReactNode, key: string) => (
    <tr key={key} data-testid="accuracy-row">
      <Th scope="row" className={dense}>
        {label}
      </Th>
      <Td numeric className={dense}>
        {r.verdicts}
      </Td>
      <Td numeric className={dense}>
        {r.correct}
      </Td>
      <Td numeric className={dense}>
        {r.incorrect}
      </Td>
      <Td numeric className={`${dense} font-medium`}>
        {pct(r.accuracy)}
      </Td>
      <Td numeric className={`${dense} text-xs text-slate-500`}>
        {r.interval ? `${pct(r.interval.low)} – ${pct(r.interval.high)}` : "—"}
      </Td>
    </tr>
  );
  return (
    <Table>
      <TableCaption>{caption}</TableCaption>
      <THead>
        <tr>
          <Th className={dense}>{withField ? "Type · field" : "Document type"}</Th>
          <Th numeric className={dense}>
            Verdicts
          </Th>
          <Th numeric className={dense}>
            Correct
          </Th>
          <Th numeric className={dense}>
            Incorrect
          </Th>
          <Th numeric className={dense}>
            Accuracy
          </Th>
          <Th numeric className={dense}>
            95% interval
          </Th>
        </tr>
      </THead>
      <TBody>
        {rows.map((r) =>
          line(
            r,
            withField ? (
              <FieldName documentType={r.documentType} path={r.fieldPath ?? ""} />
            ) : r.documentType ? (
              <DocumentTypeName type={r.documentType} />
            ) : (
              "untyped"
            ),
            `${r.documentType}\u0000${r.fieldPath}`,
          ),
        )}
        {line(overall, "All", "all")}
      </TBody>
    </Table>
  );
}

export function CalibrationTable({ buckets }: { buckets: CalibrationBucket[] }) {
  return (
    <Table>
      <TableCaption>Calibration by confidence bucket</TableCaption>
      <THead>
        <tr>
          <Th className={dense}>Confidence</Th>
          <Th numeric className={dense}>
            Verdicts
          </Th>
          <Th numeric className={dense}>
            Mean confidence
          </Th>
          <Th numeric className={dense}>
            Observed accuracy
          </Th>
        </tr>
      </THead>
      <TBody>
        {buckets.map((b) => (
          <tr key={b.index} data-testid="calibration-row">
            <Th scope="row" className={`${dense} font-mono text-xs font-normal`}>
              [{b.from.toFixed(1)}, {b.to.toFixed(1)}
              {b.index === buckets.length - 1 ? "]" : ")"}
            </Th>
            <Td numeric className={dense}>
              {b.verdicts}
            </Td>
            <Td numeric className={dense}>
              {pct(b.meanConfidence)}
            </Td>
            <Td numeric className={dense}>
              {pct(b.accuracy)}
            </Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}

export function SuggestionsTable({
  rows,
  options,
  canApply,
  sampleId,
}: {
  rows: SuggestionRow[];
  options: SuggestionOptions;
  canApply: boolean;
  sampleId: string | null;
}) {
  return (
    <Table>
      <TableCaption>Suggested thresholds per field</TableCaption>
      <THead>
        <tr>
          <Th className={dense}>Type · field</Th>
          <Th numeric className={dense}>
            Verdicts
          </Th>
          <Th className={dense}>Suggested threshold</Th>
          <Th numeric className={dense}>
            Current threshold
          </Th>
          {canApply ? (
            <Th className={dense}>
              <span className="sr-only">Apply</span>
            </Th>
          ) : null}
        </tr>
      </THead>
      <TBody>
        {rows.map((r) => {
          const s = r.suggestion;
          return (
            <tr
              key={`${r.documentType}\u0000${r.fieldPath}`}
              data-testid={`suggestion-${r.documentType ?? ""}-${r.fieldPath}`}
            >
              <Th scope="row" className={dense}>
                <FieldName documentType={r.documentType} path={r.fieldPath} />
              </Th>
              <Td numeric className={dense}>
                {r.verdicts}
              </Td>
              <Td className={dense}>
                {s.status === "ok" ? (
                  <>
                    <span className="font-mono font-medium" data-testid="suggested-threshold">
                      {s.threshold.toFixed(2)}
                    </span>{" "}
                    <span className="text-xs text-slate-500">
                      ({s.errors} wrong of {s.skipping} at or above, {pct(s.errorRate)})
                    </span>
                  </>
                ) : s.status === "not_enough_data" ? (
                  <span className="text-xs text-slate-500">
                    Not enough data ({s.withConfidence} of {options.minSample} verdicts)
                  </span>
                ) : (
                  <span className="text-xs text-slate-500">No threshold reaches the target</span>
                )}
              </Td>
              <Td numeric className={`${dense} font-mono`} data-testid="current-threshold">
                {r.currentThreshold.toFixed(2)}
              </Td>
              {canApply ? (
                <Td className={dense}>
                  {s.status === "ok" && Math.abs(s.threshold - r.currentThreshold) > 1e-6 ? (
                    <ApplyThresholdDialog
                      documentType={r.documentType}
                      fieldPath={r.fieldPath}
                      threshold={s.threshold}
                      currentThreshold={r.currentThreshold}
                      options={options}
                      sampleId={sampleId}
                    />
                  ) : null}
                </Td>
              ) : null}
            </tr>
          );
        })}
        {rows.length === 0 ? (
          <TableEmpty colSpan={canApply ? 5 : 4} className="px-3 py-6">
            No verdicts yet.
          </TableEmpty>
        ) : null}
      </TBody>
    </Table>
  );
}
