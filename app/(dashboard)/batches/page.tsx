import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Batches" };

export default function Page() {
  return (
    <>
      <PageHeader title="Batches" />
      <ComingSoon what="Start batches from pasted URLs or CSV and follow them to completion." />
    </>
  );
}
