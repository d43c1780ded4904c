"use client";

import { useId, useMemo, useState } from "react";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { Select } from "@/components/ui/field";
import { whatIf, whatIfCurve, type Verdict } from "@/lib/qa/metrics";
import { documentTypeLabel, fieldLabel } from "@/lib/fields/registry";
import { formatPercent } from "@/lib/format";

const percent = (value: number | null) => formatPercent(value, 1, 1);
const ALL = "*";

/**
 * Threshold what-if: drag the threshold and see which share of checked fields would skip review
 * (confidence ≥ threshold) and how many of those QA found wrong, for all fields, one document
 * type, or one field.
 */
export function WhatIfPanel({
  verdicts,
  initialThreshold,
}: {
  verdicts: Verdict[];
  initialThreshold: number;
}) {
  const id = useId();
  const [scope, setScope] = useState(ALL);
  const [threshold, setThreshold] = useState(initialThreshold);
  const scopes = useMemo(() => {
    const types = [...new Set(verdicts.map((v) => v.documentType ?? ""))];
    const typeName = (t: string) => (t ? documentTypeLabel(t) : "untyped");
    const fields = [...new Set(verdicts.map((v) => `${v.documentType ?? ""}\u0000${v.fieldPath}`))];
    return [
      { value: ALL, label: "All fields" },
      ...types
        .map((t) => ({ value: `type:${t}`, label: `All ${typeName(t)} fields` }))
        .sort((a, b) => a.label.localeCompare(b.label, "en")),
      ...fields
        .map((f) => {
          const [t = "", path = ""] = f.split("\u0000");
          return { value: `field:${f}`, label: `${typeName(t)} · ${fieldLabel(t || null, path)}` };
        })
        .sort((a, b) => a.label.localeCompare(b.label, "en")),
    ];
  }, [verdicts]);
  const selected = useMemo(() => {
    if (scope === ALL) return verdicts;
    if (scope.startsWith("type:")) return verdicts.filter((v) => (v.documentType ?? "") === scope.slice(5));
    const [t, path] = scope.slice(6).split("\u0000");
    return verdicts.filter((v) => (v.documentType ?? "") === t && v.fieldPath === path);
  }, [scope, verdicts]);
  const curve = useMemo(
    () =>
      whatIfCurve(selected).map((p) => ({ threshold: p.threshold, skip: p.skipShare, error: p.errorRate })),
    [selected],
  );
  const at = whatIf(selected, threshold);

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
      <div className="space-y-4 text-sm">
        <Select
          id={`${id}-scope`}
          label="Fields"
          value={scope}
          onChange={(e) => setScope(e.target.value)}
          className="px-2"
        >
          {scopes.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </Select>
        <label className="block font-medium" htmlFor={`${id}-threshold`}>
          Threshold: <span className="font-mono">{threshold.toFixed(2)}</span>
          <input
            id={`${id}-threshold`}
            type="range"
            min={0}
            max={1}
            step={0.01}
            value={threshold}
            onChange={(e) => setThreshold(Number(e.target.value))}
            className="mt-2 block w-full"
          />
        </label>
        <p data-testid="what-if-result" aria-live="polite">
          At {threshold.toFixed(2)}, <strong>{percent(at.skipShare)}</strong> of the checked fields (
          {at.skipping} of {at.withConfidence}) would skip review;{" "}
          {at.skipping === 0 ? (
            "none to judge."
          ) : (
            <>
              <strong>{percent(at.errorRate)}</strong> of those were wrong ({at.errors} of {at.skipping}).
            </>
          )}
        </p>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Based on QA verdicts only: the observed error rate is an estimate, less certain the fewer fields
          skip.
        </p>
      </div>
      <div
        role="img"
        aria-label="What-if curve: share skipping review and their error rate by threshold"
        className="h-64 w-full"
      >
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={curve} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} />
            <XAxis
              type="number"
              dataKey="threshold"
              domain={[0, 1]}
              ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
              tick={{ fontSize: 11 }}
            />
            <YAxis
              domain={[0, 1]}
              tickFormatter={(v: number) => formatPercent(v, 0)}
              tick={{ fontSize: 11 }}
            />
            <Tooltip
              formatter={(value, name) => [
                percent(value === null || value === undefined ? null : Number(value)),
                String(name),
              ]}
              labelFormatter={(label) => `Threshold ${Number(label).toFixed(2)}`}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line
              type="stepAfter"
              dataKey="skip"
              name="Would skip review"
              stroke="#4f46e5"
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="stepAfter"
              dataKey="error"
              name="Error rate among them"
              stroke="#dc2626"
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
            <ReferenceLine x={threshold} stroke="#64748b" strokeDasharray="4 4" />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
