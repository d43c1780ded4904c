"use client";

import { createContext, useContext, type ReactNode } from "react";

/** Mirrors lib/review/scan-start.ts (a server module): what the page's HTML shows first. */
type ScanStartValue = { documentId: string; src: string; masked: boolean; canReveal: boolean };

const ScanStartContext = createContext<ScanStartValue | null>(null);

/** Given by the document page so the pane's server HTML carries the scan (no wait for hydration). */
export function ScanStartProvider({
  value,
  children,
}: {
  value: ScanStartValue | null;
  children: ReactNode;
}) {
  return <ScanStartContext.Provider value={value}>{children}</ScanStartContext.Provider>;
}

export function useScanStart(documentId: string): ScanStartValue | null {
  const value = useContext(ScanStartContext);
  return value?.documentId === documentId ? value : null;
}
