import type { Metadata } from "next";
import Link from "next/link";
import { AccuracyChart } from "@/components/qa/accuracy-chart";
import { CalibrationChart } from "@/components/qa/calibration-chart";
import { WhatIfPanel } from "@/components/qa/what-if-panel";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { loadThresholds } from "@/lib/documents/thresholds-store";
import { readMetricsQuery } from "@/lib/qa/params";
import { buildReport, METRICS_TABLES } from "@/lib/qa/report";
import { listSamples } from "@/lib/qa/samples";
import { loadVerdicts } from "@/lib/qa/verdicts";
import { can } from "@/lib/roles";
import { AgreementTable } from "./agreement-table";
import { AccuracyTable, CalibrationTable, pct, SuggestionsTable } from "./tables";
import { documentTypeLabel } from "@/lib/fields/registry";

export const metadata: Metadata = { title: "QA metrics" };

const section = "mt-8";

export default async function MetricsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser("qa:use");
  const query = readMetricsQuery(await searchParams);
  const db = await getDb();
  const [verdicts, thresholds, samples] = await Promise.all([
    loadVerdicts(db, { sampleId: query.sample }),
    loadThresholds(db),
    listSamples(db, 200),
  ]);
  const options = { targetErrorRate: query.target / 100, minSample: query.min };
  const report = buildReport(verdicts, options, thresholds);
  const exportQuery = new URLSearchParams({ target: String(query.target), min: String(query.min) });
  if (query.sample) exportQuery.set("sample", query.sample);

  return (
    <>
      <PageHeader
        title="Accuracy and calibration"
        description={
          <>
            From {report.overall.verdicts} field verdicts{" "}
            {query.sample ? "in one sample" : "across every sample"} ·{" "}
            <Link href="/qa" className="underline">
              Samples
            </Link>
          </>
        }
      />
      <Card asChild className="flex flex-wrap items-end gap-3">
        <form method="get" aria-label="Metrics options">
          <Select
            label="Sample"
            density="sm"
            name="sample"
            defaultValue={query.sample ?? ""}
            className="w-64"
          >
            <option value="">All samples</option>
            {samples.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name ?? `Sample of ${s.items}`} ({s.seed})
              </option>
            ))}
          </Select>
          <Input
            label="Target error rate (%)"
            density="sm"
            className="w-32"
            name="target"
            type="number"
            min={0}
            max={100}
            step={0.1}
            defaultValue={query.target}
          />
          <Input
            label="Minimum verdicts at or above"
            density="sm"
            className="w-32"
            name="min"
            type="number"
            min={1}
            step={1}
            defaultValue={query.min}
          />
          <Button type="submit" variant="secondary">
            Update
          </Button>
          <p className="basis-full text-xs text-slate-500 dark:text-slate-400">
            Suggested threshold: the lowest Atlas confidence t such that at least the minimum number of
            checked fields of that type and field have confidence ≥ t, and at most the target share of them
            were wrong.
          </p>
        </form>
      </Card>

      <dl className="mt-6 grid gap-4 sm:grid-cols-3" data-testid="metrics-summary">
        <Card>
          <dt className="text-xs uppercase tracking-wide text-slate-500">Accuracy</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid="overall-accuracy">
            {pct(report.overall.accuracy)}
          </dd>
          <dd className="text-xs text-slate-500">
            {report.overall.correct} of {report.overall.verdicts} fields correct
          </dd>
        </Card>
        <Card>
          <dt className="text-xs uppercase tracking-wide text-slate-500">Expected calibration error</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums">{pct(report.ece)}</dd>
          <dd className="text-xs text-slate-500">
            Average gap between confidence and accuracy, weighted by bucket size
          </dd>
        </Card>
        <Card>
          <dt className="text-xs uppercase tracking-wide text-slate-500">Export (CSV)</dt>
          <dd className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-sm">
            {METRICS_TABLES.map((table) => (
              <a
                key={table}
                href={`/api/qa/metrics?table=${table}&${exportQuery.toString()}`}
                className="underline"
                download
              >
                {table.replace(/-/g, " ")}
              </a>
            ))}
          </dd>
        </Card>
      </dl>

      <section aria-labelledby="by-type-heading" className={section}>
        <h2 id="by-type-heading" className="text-lg font-semibold">
          Accuracy per document type
        </h2>
        <div className="mt-3 grid gap-4 lg:grid-cols-2">
          <AccuracyChart
            bars={report.byType.map((r) => ({
              label: r.documentType ? documentTypeLabel(r.documentType) : "untyped",
              accuracy: r.accuracy ?? 0,
              verdicts: r.verdicts,
            }))}
          />
          <AccuracyTable
            caption="Accuracy per document type"
            rows={report.byType}
            overall={report.overall}
            withField={false}
          />
        </div>
      </section>

      <section aria-labelledby="calibration-heading" className={section}>
        <h2 id="calibration-heading" className="text-lg font-semibold">
          Calibration
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Observed accuracy per confidence bucket; on the dashed diagonal Atlas&apos;s confidence would mean
          exactly what it says. Below it, Atlas is over-confident.
        </p>
        <div className="mt-3 grid gap-4 lg:grid-cols-2">
          <CalibrationChart
            points={report.calibration
              .filter((b) => b.verdicts > 0)
              .map((b) => ({
                confidence: b.meanConfidence!,
                accuracy: b.accuracy!,
                verdicts: b.verdicts,
                bucket: `${b.from.toFixed(1)}–${b.to.toFixed(1)}`,
              }))}
          />
          <CalibrationTable buckets={report.calibration} />
        </div>
      </section>

      <section aria-labelledby="what-if-heading" className={section}>
        <h2 id="what-if-heading" className="text-lg font-semibold">
          Threshold what-if
        </h2>
        <Card className="mt-3">
          <WhatIfPanel verdicts={verdicts} initialThreshold={Math.round(thresholds.global * 100) / 100} />
        </Card>
      </section>

      <section aria-labelledby="suggestions-heading" className={section}>
        <h2 id="suggestions-heading" className="text-lg font-semibold">
          Suggested thresholds per field
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Target: at most {query.target}% wrong among at least {query.min} checked fields at or above the
          threshold.
          {can(user.role, "settings:manage")
            ? " Apply sets the review threshold for that field in that document type."
            : ""}
        </p>
        <div className="mt-3">
          <SuggestionsTable
            rows={report.suggestions}
            options={options}
            canApply={can(user.role, "settings:manage")}
            sampleId={query.sample ?? null}
          />
        </div>
      </section>

      <section aria-labelledby="agreement-heading" className={section}>
        <h2 id="agreement-heading" className="text-lg font-semibold">
          Second reader agreement
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Whether our own OCR of the scan found the value: if accuracy differs between agreeing and
          disagreeing fields even at high confidence, agreement predicts correctness beyond confidence.
        </p>
        <div className="mt-3">
          <AgreementTable rows={report.bySecondReader} />
        </div>
      </section>

      <section aria-labelledby="by-field-heading" className={section}>
        <h2 id="by-field-heading" className="text-lg font-semibold">
          Accuracy per field
        </h2>
        <div className="mt-3">
          <AccuracyTable
            caption="Accuracy per field"
            rows={report.byField}
            overall={report.overall}
            withField
          />
        </div>
      </section>
    </>
  );
}
