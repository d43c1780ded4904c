import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "QA" };

export default async function Page() {
  await requirePageUser("qa:use");
  return (
    <>
      <PageHeader title="QA" />
      <ComingSoon what="Spot-checks of Atlas extractions: sampling, accuracy and confidence calibration." />
    </>
  );
}
