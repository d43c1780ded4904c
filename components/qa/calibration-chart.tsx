"use client";

import {
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from "recharts";
import { formatPercent } from "@/lib/format";

export type CalibrationPoint = { confidence: number; accuracy: number; verdicts: number; bucket: string };

const percent = (value: number) => formatPercent(value, 0);

/**
 * Observed accuracy against mean confidence per bucket; the diagonal is perfect calibration.
 * Points under the diagonal: Atlas is over-confident there. Dot size follows the verdict count.
 */
export function CalibrationChart({ points }: { points: CalibrationPoint[] }) {
  return (
    <div
      role="img"
      aria-label="Calibration chart: observed accuracy per confidence bucket against the diagonal"
      className="h-72 w-full"
    >
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} />
          <XAxis
            type="number"
            dataKey="confidence"
            name="Mean confidence"
            domain={[0, 1]}
            ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
            tick={{ fontSize: 11 }}
            label={{ value: "Atlas confidence", position: "insideBottom", offset: -8, fontSize: 11 }}
          />
          <YAxis
            type="number"
            dataKey="accuracy"
            name="Observed accuracy"
            domain={[0, 1]}
            tickFormatter={percent}
            tick={{ fontSize: 11 }}
          />
          <ZAxis type="number" dataKey="verdicts" range={[40, 400]} name="Verdicts" />
          <ReferenceLine
            segment={[
              { x: 0, y: 0 },
              { x: 1, y: 1 },
            ]}
            stroke="#94a3b8"
            strokeDasharray="4 4"
            ifOverflow="extendDomain"
          />
          <Tooltip
            cursor={{ strokeDasharray: "3 3" }}
            formatter={(value, name) =>
              name === "Verdicts" ? [String(value), name] : [percent(Number(value)), String(name)]
            }
          />
          <Scatter data={points} fill="#4f46e5" line isAnimationActive={false} name="Buckets" />
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
