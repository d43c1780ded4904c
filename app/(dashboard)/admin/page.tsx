import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Admin" };

const SECTIONS = [
  {
    href: "/admin/users",
    title: "Users",
    text: "Create accounts, change roles, deactivate, reset passwords.",
  },
  {
    href: "/admin/audit",
    title: "Audit trail",
    text: "Who did what and when: sign-ins, user and setting changes, reviews.",
  },
];

export default async function AdminPage() {
  await requirePageUser("users:manage");
  return (
    <>
      <PageHeader title="Admin" />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {SECTIONS.map((s) => (
          <li key={s.href}>
            <Card
              asChild
              className="block h-full hover:border-indigo-300 hover:shadow-sm dark:hover:border-indigo-700"
            >
              <Link href={s.href}>
                <span className="text-base font-semibold">{s.title}</span>
                <span className="mt-1 block text-sm text-slate-600 dark:text-slate-400">{s.text}</span>
              </Link>
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}
