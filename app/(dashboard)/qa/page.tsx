import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "QA" };

export default function Page() {
  return (
    <>
      <PageHeader title="QA" />
      <ComingSoon what="Spot-checks of Atlas extractions: sampling, accuracy and confidence calibration." />
    </>
  );
}
