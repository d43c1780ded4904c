import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Review" };

export default async function Page() {
  await requirePageUser("documents:review");
  return (
    <>
      <PageHeader title="Review" />
      <ComingSoon what="A queue of documents that need a human look, across batches." />
    </>
  );
}
