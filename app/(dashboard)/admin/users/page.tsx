import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { listUsers } from "@/lib/db/queries/users";
import { CreateUserForm } from "./create-user-form";
import { UserRow } from "./user-row";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requirePageUser("users:manage");
  const users = await listUsers(await getDb());
  return (
    <>
      <PageHeader
        title="Users"
        description={
          <>
            Create accounts, change roles, deactivate and reset passwords. Every change is recorded in the{" "}
            <Link className="underline" href="/admin/audit">
              audit trail
            </Link>
            .
          </>
        }
      />
      <CreateUserForm />
      <div className="mt-8 overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Users</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800/60 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-4 py-2">
                Name
              </th>
              <th scope="col" className="px-4 py-2">
                Email
              </th>
              <th scope="col" className="px-4 py-2">
                Role
              </th>
              <th scope="col" className="px-4 py-2">
                Status
              </th>
              <th scope="col" className="px-4 py-2">
                Last sign-in
              </th>
              <th scope="col" className="px-4 py-2">
                Password
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {users.map((u) => (
              <UserRow
                key={u.id}
                isMe={u.id === me.id}
                user={{
                  id: u.id,
                  name: u.name,
                  email: u.email,
                  role: u.role,
                  active: u.active,
                  lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
