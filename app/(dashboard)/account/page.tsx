import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/current-user";
import { ROLE_LABEL } from "@/lib/roles";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requirePageUser("account:manage");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Your account</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {user.name} · {user.email} · {ROLE_LABEL[user.role]}
        </p>
      </div>
      <section aria-labelledby="password-heading" className="space-y-3">
        <h2 id="password-heading" className="text-lg font-semibold">
          Password
        </h2>
        <ChangePasswordForm />
      </section>
    </div>
  );
}
