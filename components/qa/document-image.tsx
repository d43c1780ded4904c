"use client";

import { useState } from "react";

/** The sampled document's file beside the fields; a link when the browser cannot show it. */
export function DocumentImage({ src, label }: { src: string; label: string }) {
  const [failed, setFailed] = useState(false);
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-2 dark:border-slate-800 dark:bg-slate-900">
      {failed ? (
        <p className="p-6 text-sm text-slate-600 dark:text-slate-400">
          The file cannot be shown here (it may be a PDF, or its link may have expired).
        </p>
      ) : (
        // eslint-disable-next-line @next/next/no-img-element -- arbitrary external document URLs, not optimisable assets
        <img
          src={src}
          alt={`The document ${label}`}
          className="max-h-[70vh] w-full object-contain"
          onError={() => setFailed(true)}
        />
      )}
      <figcaption className="mt-2 text-xs">
        <a href={src} target="_blank" rel="noreferrer noopener" className="underline">
          Open the original file
        </a>
      </figcaption>
    </figure>
  );
}
