"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ThemeProvider } from "next-themes";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { useState } from "react";
import { Toaster } from "sonner";
import { z } from "zod";
import { FormatProvider } from "@/components/format-provider";

// zod compiles fast parsers with `new Function` unless told not to; the Content-Security-Policy
// (no 'unsafe-eval') forbids that, and zod's probe for it would report a violation. The forms'
// schemas are small: the interpreter is fast enough.
z.config({ jitless: true });

export function Providers({
  children,
  nonce,
  timeZone,
}: {
  children: React.ReactNode;
  nonce?: string;
  timeZone: string;
}) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 2_000, refetchOnWindowFocus: true, retry: 2 },
        },
      }),
  );
  return (
    <ThemeProvider
      attribute="class"
      defaultTheme="system"
      enableSystem
      disableTransitionOnChange
      nonce={nonce}
    >
      <QueryClientProvider client={queryClient}>
        <FormatProvider timeZone={timeZone}>
          <NuqsAdapter>{children}</NuqsAdapter>
        </FormatProvider>
        <Toaster richColors closeButton position="bottom-right" />
      </QueryClientProvider>
    </ThemeProvider>
  );
}
