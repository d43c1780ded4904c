import type { Metadata } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { headers } from "next/headers";
import { getEnv } from "@/lib/env";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Atlas Review", template: "%s · Atlas Review" },
  description: "Review, correct and approve documents extracted by Atlas.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The Content-Security-Policy nonce of this request (proxy.ts). Reading it renders every page per
  // request, which nonces need: a page prerendered at build time would carry no nonce.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-sans">
        <Providers nonce={nonce} timeZone={getEnv().DISPLAY_TIME_ZONE}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
