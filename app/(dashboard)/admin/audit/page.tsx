import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { FilterSelect, FilterText } from "@/components/ui/filter-form";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TableCaption, TableEmpty, TBody, Th, THead } from "@/components/ui/table";
import { auditActionLabel } from "@/lib/audit/actions";
import { documentIdsFor, resolveAuditTargets } from "@/lib/audit/targets";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { listAudit, listAuditActions } from "@/lib/db/queries/audit";
import { listUsers } from "@/lib/db/queries/users";
import { formatCount } from "@/lib/format";
import { serverFormatter } from "@/lib/format/server";
import { uuidSchema } from "@/lib/ids";
import { AuditRow } from "./audit-row";

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
  document: z.string().trim().max(300).optional().catch(undefined),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).default(1).catch(1),
});
type Filters = z.infer<typeof filterSchema>;

const auditHref = (params: Partial<Filters>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
  return `/admin/audit?${q.toString()}`;
};

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
  const format = serverFormatter();
  // Days are days in the display time zone: "to" includes the whole of its day.
  const from = params.from ? (format.dayStart(params.from) ?? undefined) : undefined;
  const toDay = params.to ? format.dayStart(params.to) : null;
  const to = toDay
    ? (format.dayStart(format.isoDay(toDay.getTime() + 36 * 3_600_000)) ?? undefined)
    : undefined;
  const target = params.document
    ? { type: "document", ids: await documentIdsFor(db, params.document) }
    : undefined;
  const [{ events, total }, actions, users] = await Promise.all([
    listAudit(db, {
      actorUserId: params.user,
      action: params.action,
      target,
      from,
      to,
      limit: PAGE_SIZE,
      offset: (params.page - 1) * PAGE_SIZE,
    }),
    listAuditActions(db),
    listUsers(db),
  ]);
  const targets = await resolveAuditTargets(db, events, format);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <>
      <PageHeader
        title="Audit trail"
        description={`Every sign-in, user change, setting change and review action, newest first. Times are ${format.zoneName()} (${format.timeZone}).`}
      />
      <Card asChild className="flex flex-wrap items-end gap-3">
        <form method="get" aria-label="Filter the audit trail">
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
            options={actions.map((a) => ({ value: a, label: `${auditActionLabel(a)} (${a})` }))}
          />
          <FilterText label="Document id" name="document" defaultValue={params.document ?? ""} />
          <Input label="From" density="sm" type="date" name="from" defaultValue={params.from} />
          <Input label="To" density="sm" type="date" name="to" defaultValue={params.to} />
          <Button type="submit">Filter</Button>
          <Link href="/admin/audit" className="px-2 py-1.5 text-sm underline">
            Clear
          </Link>
        </form>
      </Card>
      <p
        className="mt-4 text-sm text-slate-600 dark:text-slate-400"
        aria-live="polite"
        data-testid="audit-total"
      >
        {formatCount(total, "event")}
        {params.document ? ` about document ${params.document}` : ""}
      </p>
      <Table className="mt-2">
        <TableCaption>Audit events</TableCaption>
        <THead>
          <tr>
            <Th className="px-3">When</Th>
            <Th className="px-3">Who</Th>
            <Th className="px-3">Action</Th>
            <Th className="px-3">Target</Th>
            <Th className="px-3">What changed</Th>
            <Th className="px-3">Address</Th>
          </tr>
        </THead>
        <TBody className="align-top">
          {events.map((e, i) => (
            <AuditRow
              key={String(e.id)}
              event={e}
              target={targets[i] ?? null}
              format={format}
              byActorHref={
                e.actorUserId ? auditHref({ ...params, user: e.actorUserId, page: undefined }) : null
              }
            />
          ))}
          {events.length === 0 ? (
            <TableEmpty colSpan={6} className="px-3">
              No events match these filters.
            </TableEmpty>
          ) : null}
        </TBody>
      </Table>
      <Pagination
        page={params.page}
        pages={pages}
        total={total}
        noun="event"
        href={(page) => auditHref({ ...params, page })}
      />
    </>
  );
}
