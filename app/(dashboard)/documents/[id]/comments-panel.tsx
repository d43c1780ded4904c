"use client";

import { useState } from "react";
import { useFormatter } from "@/components/format-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select, Textarea } from "@/components/ui/field";
import { fieldLabel } from "@/lib/fields/registry";
import { MAX_COMMENT_LENGTH } from "@/lib/review/comment-limits";
import type { CommentView } from "@/lib/review/types";

/** Comments on the document and its fields (who, when), and a form to add one. */
export function CommentsPanel({
  comments,
  documentType,
  fields,
  canComment,
  busy,
  onComment,
}: {
  comments: CommentView[];
  documentType: string | null;
  fields: { id: string; path: string }[];
  canComment: boolean;
  busy: boolean;
  onComment: (fieldId: string | null, text: string) => Promise<boolean>;
}) {
  const format = useFormatter();
  const [target, setTarget] = useState("");
  const [text, setText] = useState("");
  const [tried, setTried] = useState(false);
  const problem = text.trim() === "" ? "Type a comment first." : null;
  return (
    <Card asChild className="mt-6">
      <section aria-labelledby="comments-heading">
        <h2 id="comments-heading" className="text-lg font-semibold">
          Comments
        </h2>
        {comments.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">No comments yet.</p>
        ) : (
          <ol className="mt-2 space-y-2 text-sm" data-testid="comments">
            {comments.map((c) => (
              <li key={c.id} data-testid="comment">
                <span className="font-medium">{c.author}</span>{" "}
                <span className="text-xs text-slate-600 dark:text-slate-400">
                  <time dateTime={c.at}>{format.dateTime(c.at)}</time>
                  {c.fieldPath ? ` · on ${fieldLabel(documentType, c.fieldPath)}` : " · on the document"}
                </span>
                <p className="whitespace-pre-wrap break-words">{c.text}</p>
              </li>
            ))}
          </ol>
        )}
        {canComment ? (
          <form
            className="mt-3 space-y-2"
            onSubmit={async (e) => {
              e.preventDefault();
              setTried(true);
              if (problem) return;
              if (await onComment(target || null, text.trim())) {
                setText("");
                setTried(false);
              }
            }}
          >
            <Select
              id="comment-target"
              label="About"
              density="sm"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              className="dark:bg-slate-950"
            >
              <option value="">The whole document</option>
              {fields.map((f) => (
                <option key={f.id} value={f.id}>
                  {fieldLabel(documentType, f.path)}
                </option>
              ))}
            </Select>
            <Textarea
              id="comment-text"
              label="Comment"
              rows={2}
              maxLength={MAX_COMMENT_LENGTH}
              value={text}
              onChange={(e) => setText(e.target.value)}
              error={tried ? (problem ?? undefined) : undefined}
              hint="Aadhaar numbers are masked when saved."
              className="dark:bg-slate-950"
            />
            <Button type="submit" variant="secondary" disabled={busy}>
              Add comment
            </Button>
          </form>
        ) : null}
      </section>
    </Card>
  );
}
