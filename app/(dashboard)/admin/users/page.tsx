import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableCaption, TBody, Th, THead } from "@/components/ui/table";
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
      <Table className="mt-8">
        <TableCaption>Users</TableCaption>
        <THead>
          <tr>
            <Th>Name</Th>
            <Th>Email</Th>
            <Th>Role</Th>
            <Th>Status</Th>
            <Th>Last sign-in</Th>
            <Th>Password</Th>
          </tr>
        </THead>
        <TBody>
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
        </TBody>
      </Table>
    </>
  );
}
