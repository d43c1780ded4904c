"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { matchSettingsSchema, type MatchSettingsInput } from "@/lib/second-reader/match-settings";
import { asciiDigits } from "@/lib/text/digits";
import { setSecondReaderSettingsAction } from "./actions";

type Key = "foundPercent" | "nearPercent" | "minOcrConfidence";
const NUMBERS: Array<{ key: Key; label: string; hint: string }> = [
  {
    key: "nearPercent",
    label: "Where the value should be (similarity %)",
    hint: "A reading at least this similar to the value counts as the place it is printed; if it differs, the page disagrees.",
  },
  {
    key: "minOcrConfidence",
    label: "OCR sure enough to flag (0–100)",
    hint: "How sure OCR must be of the words that differ before a field is sent to review with “page reads …”.",
  },
  {
    key: "foundPercent",
    label: "Close enough for names and text (similarity %)",
    hint: "Names and addresses at least this similar, where OCR is unsure of the difference, count as printed.",
  },
];

/**
 * The second reader's review thresholds (Admin → Settings): saved, audited, and applied at once
 * to every scan read before (matched again from the words kept, no new OCR).
 */
export function SecondReaderSettings({
  value,
  source,
  enabled,
}: {
  value: MatchSettingsInput;
  source: "settings" | "environment";
  /** False with SECOND_READER=off on this instance. */
  enabled: boolean;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [text, setText] = useState<Record<Key, string>>(() => ({
    foundPercent: String(value.foundPercent),
    nearPercent: String(value.nearPercent),
    minOcrConfidence: String(value.minOcrConfidence),
  }));
  const [flagMissing, setFlagMissing] = useState(value.flagMissing);
  const [errors, setErrors] = useState<Partial<Record<Key | "form", string>>>({});

  const submit = () => {
    // Digits only (of any Indian script, as other inputs take them): Number() would take "0x32"
    // as 50 and "1e2" as 100 without a word.
    const whole = (typed: string) => {
      const digits = asciiDigits(typed.trim());
      return /^\d+$/.test(digits) ? Number(digits) : NaN;
    };
    const input = {
      foundPercent: whole(text.foundPercent),
      nearPercent: whole(text.nearPercent),
      minOcrConfidence: whole(text.minOcrConfidence),
      flagMissing,
    };
    const parsed = matchSettingsSchema.safeParse(input);
    if (!parsed.success) {
      const found: Partial<Record<Key, string>> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as Key;
        found[key] ??= issue.message;
      }
      return setErrors(found);
    }
    setErrors({});
    start(async () => {
      const result = await setSecondReaderSettingsAction(parsed.data);
      if (!result.ok) return setErrors({ form: result.error.message });
      toast.success(
        result.data.rechecking
          ? `Saved. ${result.data.rechecking} scans read before are being checked again with these thresholds.`
          : "Saved.",
      );
      router.refresh();
    });
  };

  return (
    <Card asChild className="mt-6">
      <form
        aria-label="Second reader"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <CardTitle>Second reader</CardTitle>
        <CardDescription className="mt-0">
          When our own OCR of the scan reads something else where a value should be, or cannot find a value
          that should be printed, the field is sent to review whatever Atlas&apos;s confidence. These
          thresholds decide when; saving them checks every scan read before again (from the words kept, no new
          OCR) and is audited.{" "}
          {source === "environment" ? "Now: the defaults from the environment (SECOND_READER_…)." : null}
          {enabled ? null : (
            <strong> The second reader is off on this instance (SECOND_READER=off): nothing is read.</strong>
          )}
        </CardDescription>
        <div className="mt-3 grid gap-3 md:grid-cols-3">
          {NUMBERS.map(({ key, label, hint }) => (
            <Input
              key={key}
              id={`second-reader-${key}`}
              label={label}
              hint={hint}
              inputMode="numeric"
              value={text[key]}
              onChange={(e) => setText((t) => ({ ...t, [key]: e.target.value }))}
              error={errors[key]}
              className="dark:bg-slate-950"
            />
          ))}
        </div>
        <label className="mt-3 flex items-center gap-2 text-sm">
          <input type="checkbox" checked={flagMissing} onChange={(e) => setFlagMissing(e.target.checked)} />
          Send a value to review when it is not found on a page OCR read confidently (3 characters or more)
        </label>
        {errors.form ? (
          <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
            {errors.form}
          </p>
        ) : null}
        <Button type="submit" className="mt-3" disabled={pending}>
          Save second-reader thresholds
        </Button>
      </form>
    </Card>
  );
}
