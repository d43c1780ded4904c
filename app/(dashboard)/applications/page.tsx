import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Applications" };

export default async function Page() {
  await requirePageUser("applications:view");
  return (
    <>
      <PageHeader title="Applications" />
      <ComingSoon what="Loan applications on the Atlas Flow API, with cross-checks and callbacks." />
    </>
  );
}
