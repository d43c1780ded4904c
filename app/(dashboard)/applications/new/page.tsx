import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/current-user";
import { getEnv } from "@/lib/env";
import { applicationCallbackUrl } from "@/lib/applications/urls";
import { NewApplicationForm } from "./new-application-form";

export const metadata: Metadata = { title: "New application" };

export default async function NewApplicationPage() {
  await requirePageUser("applications:create");
  const env = getEnv();
  return (
    <>
      <PageHeader
        title="New application"
        description={
          <>
            Starts a flow on Atlas for one loan application. Atlas will call this dashboard back at{" "}
            <code className="text-xs">{applicationCallbackUrl(env.appBaseUrl, "…")}</code>, so APP_BASE_URL
            must be reachable from Atlas.{" "}
            <Link className="underline" href="/applications">
              All applications
            </Link>
          </>
        }
      />
      <NewApplicationForm
        productTypes={env.ATLAS_PRODUCT_TYPES}
        defaultProductType={env.defaultProductType}
      />
    </>
  );
}
