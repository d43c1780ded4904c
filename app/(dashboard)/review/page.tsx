import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Review" };

export default function Page() {
  return (
    <>
      <PageHeader title="Review" />
      <ComingSoon what="A queue of documents that need a human look, across batches." />
    </>
  );
}
