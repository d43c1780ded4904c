import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { FilterSelect } from "@/components/ui/filter-form";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TableCaption, TableEmpty, TBody, Td, Th, THead } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { listAudit, listAuditActions } from "@/lib/db/queries/audit";
import { listUsers } from "@/lib/db/queries/users";
import { maskedBrief } from "@/lib/masking";
import { uuidSchema } from "@/lib/ids";

export const metadata: Metadata = { title: "Audit trail" };

const PAGE_SIZE = 50;
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);
const filterSchema = z.object({
  user: uuidSchema().optional().catch(undefined),
  action: z.string().max(100).optional().catch(undefined),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).default(1).catch(1),
});

const brief = (value: unknown) => maskedBrief(value, 300);

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  await requirePageUser("audit:view");
  const params = filterSchema.parse(
    Object.fromEntries(
      Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined]),
    ),
  );
  const db = await getDb();
  const to = params.to ? new Date(`${params.to}T00:00:00Z`) : undefined;
  if (to) to.setUTCDate(to.getUTCDate() + 1);
  const [{ events, total }, actions, users] = await Promise.all([
    listAudit(db, {
      actorUserId: params.user,
      action: params.action,
      from: params.from ? new Date(`${params.from}T00:00:00Z`) : undefined,
      to,
      limit: PAGE_SIZE,
      offset: (params.page - 1) * PAGE_SIZE,
    }),
    listAuditActions(db),
    listUsers(db),
  ]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const link = (page: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...params, page }))
      if (v !== undefined && v !== "") q.set(k, String(v));
    return `/admin/audit?${q.toString()}`;
  };

  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every sign-in, user change, setting change and review action, newest first. Times are UTC."
      />
      <Card asChild className="flex flex-wrap items-end gap-3">
        <form method="get">
          <FilterSelect
            label="User"
            name="user"
            defaultValue={params.user ?? ""}
            any="Anyone"
            options={users.map((u) => ({ value: u.id, label: u.email }))}
          />
          <FilterSelect
            label="Action"
            name="action"
            defaultValue={params.action ?? ""}
            any="Any action"
            options={actions.map((a) => ({ value: a, label: a }))}
          />
          <Input
            label="From"

            density="sm"
            type="date"
            name="from"
            defaultValue={params.from}
          />
          <Input
            label="To"

            density="sm"
            type="date"
            name="to"
            defaultValue={params.to}
          />
          <Button type="submit">Filter</Button>
          <Link href="/admin/audit" className="px-2 py-1.5 text-sm underline">
            Clear
          </Link>
        </form>
      </Card>
      <p className="mt-4 text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
        {total} event{total === 1 ? "" : "s"}
      </p>
      <Table className="mt-2">
        <TableCaption>Audit events</TableCaption>
        <THead>
          <tr>
            <Th className="px-3">When (UTC)</Th>
            <Th className="px-3">Who</Th>
            <Th className="px-3">Action</Th>
            <Th className="px-3">Target</Th>
            <Th className="px-3">Before</Th>
            <Th className="px-3">After</Th>
            <Th className="px-3">Address</Th>
          </tr>
        </THead>
        <TBody className="align-top">
          {events.map((e) => (
            <tr key={String(e.id)}>
              <Td className="whitespace-nowrap px-3 font-mono text-xs">
                {e.at.toISOString().replace("T", " ").slice(0, 19)}
              </Td>
              <Td className="px-3">{e.actorEmail ?? "system"}</Td>
              <Td className="px-3 font-mono text-xs">{e.action}</Td>
              <Td className="px-3 text-xs">
                {e.targetType}
                {e.targetId ? <span className="block font-mono text-slate-500">{e.targetId}</span> : null}
              </Td>
              <Td className="max-w-xs break-words px-3 font-mono text-xs">{brief(e.before)}</Td>
              <Td className="max-w-xs break-words px-3 font-mono text-xs">{brief(e.after ?? e.metadata)}</Td>
              <Td className="px-3 font-mono text-xs">{e.ip}</Td>
            </tr>
          ))}
          {events.length === 0 ? (
            <TableEmpty colSpan={7} className="px-3">
              No events match these filters.
            </TableEmpty>
          ) : null}
        </TBody>
      </Table>
      <Pagination page={params.page} pages={pages} total={total} noun="event" href={link} />
    </>
  );
}
