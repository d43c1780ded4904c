"use client";

/** Last-resort boundary for errors in the root layout itself; must render its own <html>. */
export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "3rem", textAlign: "center" }}>
        <h1>Atlas Review could not load</h1>
        <p>Something went wrong while loading the dashboard. Try again in a moment.</p>
        {error.digest ? (
          <p style={{ fontFamily: "monospace", fontSize: 12 }}>Reference: {error.digest}</p>
        ) : null}
        <button type="button" onClick={reset}>
          Try again
        </button>
      </body>
    </html>
  );
}
