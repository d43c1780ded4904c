"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatPercent } from "@/lib/format";

export type AccuracyBar = { label: string; accuracy: number; verdicts: number };

const percent = (value: number) => formatPercent(value, 0);

/** Observed accuracy per document type as bars (the table beside it carries the numbers). */
export function AccuracyChart({ bars }: { bars: AccuracyBar[] }) {
  return (
    <div role="img" aria-label="Bar chart of accuracy per document type" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} />
          <YAxis domain={[0, 1]} tickFormatter={percent} tick={{ fontSize: 11 }} />
          <Tooltip
            formatter={(value, _name, entry) => [
              `${percent(Number(value))} of ${(entry.payload as AccuracyBar).verdicts}`,
              "Accuracy",
            ]}
          />
          <Bar dataKey="accuracy" fill="#4f46e5" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
