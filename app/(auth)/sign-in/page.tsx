import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { DEMO_ACCOUNTS } from "@/lib/demo-accounts";
import { getEnv } from "@/lib/env";
import { ROLE_DESCRIPTION, ROLE_LABEL } from "@/lib/roles";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  if (await getCurrentUser()) redirect("/");
  const { callbackUrl } = await searchParams;
  const env = getEnv();
  const demo = env.demoAccounts
    ? DEMO_ACCOUNTS.map((a) => ({ ...a, label: ROLE_LABEL[a.role], description: ROLE_DESCRIPTION[a.role] }))
    : [];
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <div className="mb-8 flex items-center gap-2 text-lg font-semibold tracking-tight">
        <span aria-hidden className="grid size-8 place-items-center rounded-md bg-indigo-600 text-white">
          A
        </span>
        Atlas Review
      </div>
      <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Review, correct and approve documents extracted by Atlas.
      </p>
      <SignInForm callbackUrl={callbackUrl} demoAccounts={demo} />
    </main>
  );
}
