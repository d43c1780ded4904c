import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Applications" };

export default function Page() {
  return (
    <>
      <PageHeader title="Applications" />
      <ComingSoon what="Loan applications on the Atlas Flow API, with cross-checks and callbacks." />
    </>
  );
}
