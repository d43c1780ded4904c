import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Admin" };

export default function Page() {
  return (
    <>
      <PageHeader title="Admin" />
      <ComingSoon what="Users, roles, confidence thresholds and the audit trail." />
    </>
  );
}
