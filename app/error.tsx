"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";

/** Route-level error boundary: a helpful message and a retry, never a stack trace. */
export default function ErrorBoundary({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center px-4 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        This page could not be shown. Your saved work is not affected. Try again; if it keeps happening, give
        your administrator the reference below.
      </p>
      {error.digest ? (
        <p className="mt-3 font-mono text-xs text-slate-500">Reference: {error.digest}</p>
      ) : null}
      <Button size="lg" onClick={reset} className="mt-6">
        Try again
      </Button>
    </main>
  );
}
