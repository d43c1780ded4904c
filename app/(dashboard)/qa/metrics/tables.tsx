import type { AccuracyRow, CalibrationBucket, SuggestionOptions } from "@/lib/qa/metrics";
import type { SuggestionRow } from "@/lib/qa/report";
import { ApplyThresholdDialog } from "./apply-threshold-dialog";

export const pct = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined ? "—" : `${(value * 100).toFixed(digits)}%`;

const th = "px-3 py-2";
const head =
  "bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800/60 dark:text-slate-400";
const frame =
  "overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900";

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
      <th scope="row" className={`${th} text-left font-medium`}>
        {label}
      </th>
      <td className={`${th} text-right tabular-nums`}>{r.verdicts}</td>
      <td className={`${th} text-right tabular-nums`}>{r.correct}</td>
      <td className={`${th} text-right tabular-nums`}>{r.incorrect}</td>
      <td className={`${th} text-right tabular-nums font-medium`}>{pct(r.accuracy)}</td>
      <td className={`${th} text-right text-xs tabular-nums text-slate-500`}>
        {r.interval ? `${pct(r.interval.low)} – ${pct(r.interval.high)}` : "—"}
      </td>
    </tr>
  );
  return (
    <div className={frame}>
      <table className="min-w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className={head}>
          <tr>
            <th scope="col" className={th}>
              {withField ? "Type · field" : "Document type"}
            </th>
            <th scope="col" className={`${th} text-right`}>
              Verdicts
            </th>
            <th scope="col" className={`${th} text-right`}>
              Correct
            </th>
            <th scope="col" className={`${th} text-right`}>
              Incorrect
            </th>
            <th scope="col" className={`${th} text-right`}>
              Accuracy
            </th>
            <th scope="col" className={`${th} text-right`}>
              95% interval
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((r) =>
            line(
              r,
              withField ? (
                <>
                  {r.documentType ?? "untyped"} · <span className="font-mono text-xs">{r.fieldPath}</span>
                </>
              ) : (
                (r.documentType ?? "untyped")
              ),
              `${r.documentType}\u0000${r.fieldPath}`,
            ),
          )}
          {line(overall, "All", "all")}
        </tbody>
      </table>
    </div>
  );
}

export function CalibrationTable({ buckets }: { buckets: CalibrationBucket[] }) {
  return (
    <div className={frame}>
      <table className="min-w-full text-sm">
        <caption className="sr-only">Calibration by confidence bucket</caption>
        <thead className={head}>
          <tr>
            <th scope="col" className={th}>
              Confidence
            </th>
            <th scope="col" className={`${th} text-right`}>
              Verdicts
            </th>
            <th scope="col" className={`${th} text-right`}>
              Mean confidence
            </th>
            <th scope="col" className={`${th} text-right`}>
              Observed accuracy
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {buckets.map((b) => (
            <tr key={b.index} data-testid="calibration-row">
              <th scope="row" className={`${th} text-left font-mono text-xs font-normal`}>
                [{b.from.toFixed(1)}, {b.to.toFixed(1)}
                {b.index === buckets.length - 1 ? "]" : ")"}
              </th>
              <td className={`${th} text-right tabular-nums`}>{b.verdicts}</td>
              <td className={`${th} text-right tabular-nums`}>{pct(b.meanConfidence)}</td>
              <td className={`${th} text-right tabular-nums`}>{pct(b.accuracy)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
    <div className={frame}>
      <table className="min-w-full text-sm">
        <caption className="sr-only">Suggested thresholds per field</caption>
        <thead className={head}>
          <tr>
            <th scope="col" className={th}>
              Type · field
            </th>
            <th scope="col" className={`${th} text-right`}>
              Verdicts
            </th>
            <th scope="col" className={th}>
              Suggested threshold
            </th>
            <th scope="col" className={`${th} text-right`}>
              Current threshold
            </th>
            {canApply ? (
              <th scope="col" className={th}>
                <span className="sr-only">Apply</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((r) => {
            const s = r.suggestion;
            return (
              <tr
                key={`${r.documentType}\u0000${r.fieldPath}`}
                data-testid={`suggestion-${r.documentType ?? ""}-${r.fieldPath}`}
              >
                <th scope="row" className={`${th} text-left font-medium`}>
                  {r.documentType ?? "untyped"} · <span className="font-mono text-xs">{r.fieldPath}</span>
                </th>
                <td className={`${th} text-right tabular-nums`}>{r.verdicts}</td>
                <td className={th}>
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
                </td>
                <td className={`${th} text-right font-mono tabular-nums`} data-testid="current-threshold">
                  {r.currentThreshold.toFixed(2)}
                </td>
                {canApply ? (
                  <td className={th}>
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
                  </td>
                ) : null}
              </tr>
            );
          })}
          {rows.length === 0 ? (
            <tr>
              <td colSpan={canApply ? 5 : 4} className="px-3 py-6 text-center text-slate-500">
                No verdicts yet.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
