"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { documentTypeOptions, documentTypeWithCode } from "@/lib/fields/registry";
import { RECLASSIFY_TYPES } from "@/lib/review/document-types";

/**
 * For a document Atlas could not extract (no fields): the ways to close it besides rejecting
 * (the decision bar's Reject) — ask for a new upload with a note, or reclassify it to a known type
 * and type its fields in by hand.
 */
export function ClosingPanel({
  errorCode,
  disabled,
  onReupload,
  onReclassify,
}: {
  errorCode: string | null;
  disabled: boolean;
  onReupload: (note: string) => Promise<boolean>;
  onReclassify: (documentType: string) => Promise<void>;
}) {
  const [note, setNote] = useState("");
  const [noteTried, setNoteTried] = useState(false);
  const [type, setType] = useState("");
  const [typeTried, setTypeTried] = useState(false);
  const noteProblem = note.trim().length < 3 ? "Say what the new upload should fix, in a few words." : null;
  return (
    <Card className="mb-3 space-y-4" data-testid="closing-panel">
      <p className="text-sm">
        Atlas returned <strong>{errorCode ?? "no fields"}</strong> for this document, so there is nothing to
        approve. Close it: reject it with a reason, ask for a new upload, or reclassify it and type its fields
        from the scan.
      </p>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={async (e) => {
          e.preventDefault();
          setNoteTried(true);
          if (!noteProblem && (await onReupload(note.trim()))) setNote("");
        }}
      >
        <Input
          id="reupload-note"
          label="What should the new upload fix?"
          fieldClassName="min-w-64 flex-1"
          value={note}
          maxLength={500}
          onChange={(e) => setNote(e.target.value)}
          placeholder="e.g. Upload both sides of the card"
          error={noteTried ? (noteProblem ?? undefined) : undefined}
          className="dark:bg-slate-950"
        />
        <Button type="submit" variant="secondary" disabled={disabled}>
          Request re-upload
        </Button>
      </form>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setTypeTried(true);
          if (type) void onReclassify(type);
        }}
      >
        <Select
          id="reclassify-type"
          label="Reclassify as"
          fieldClassName="min-w-64 flex-1"
          value={type}
          onChange={(e) => setType(e.target.value)}
          error={typeTried && !type ? "Choose the document's type." : undefined}
          className="dark:bg-slate-950"
        >
          <option value="">Choose a type…</option>
          {documentTypeOptions(RECLASSIFY_TYPES).map((t) => (
            <option key={t.value} value={t.value}>
              {documentTypeWithCode(t.value)}
            </option>
          ))}
        </Select>
        <Button type="submit" variant="secondary" disabled={disabled}>
          Reclassify
        </Button>
      </form>
    </Card>
  );
}
