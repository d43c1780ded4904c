import "server-only";
import { sql, type SQL } from "drizzle-orm";

/**
 * Keyset ("seek") pagination: a page is the `size` rows after (or before) the last row the
 * reader saw, in an order whose key is unique, so page 200 costs what page 1 costs (the index
 * is entered at the cursor) and a row written meanwhile never shifts a page or repeats a row.
 * Every key part is ascending; a descending sort is written as a negated key, nulls as coalesce.
 */
export type KeyPart = { expr: SQL; cast: "real" | "int" | "text" | "bool" | "timestamptz" | "uuid" };

/** `after`: the page after the cursor row; `before`: the page before it; `last`: the last page. */
export type Seek = { dir: "after" | "before"; values: string[] } | { dir: "last" } | { dir: "first" };

export type KeysetPage<T> = {
  rows: T[];
  /** Cursor of the page before this one, or null on the first page. */
  previous: string | null;
  /** Cursor of the page after this one, or null on the last page. */
  next: string | null;
  /** True when this is the first page (a `before` that ran out of rows is reread as the first). */
  first: boolean;
};

/** Opaque URL-safe cursor: the key values of one row, as PostgreSQL prints them. */
export function encodeCursor(values: string[]): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | null | undefined, parts: number): string[] | null {
  if (!cursor || cursor.length > 2_000) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(values) || values.length !== parts) return null;
    return values.every((v) => typeof v === "string") ? (values as string[]) : null;
  } catch {
    return null;
  }
}

/** Whether `value` is within PostgreSQL's `real`: finite beyond ±3.4e38 or a nonzero that rounds to 0 is an error there. */
function isReal(value: string): boolean {
  if (!/^(-?\d+(\.\d+)?(e[-+]?\d+)?|-?Infinity|NaN)$/i.test(value)) return false;
  if (/^(-?Infinity|NaN)$/i.test(value)) return true;
  const n = Math.abs(Number(value));
  if (n === 0) return /^-?0+(\.0+)?(e[-+]?\d+)?$/i.test(value);
  return n >= 1e-45 && n <= 3.4028234663852886e38;
}

/** A timestamp as PostgreSQL prints one, with a date that exists and an offset it accepts. */
function isTimestamp(value: string): boolean {
  const m = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(\.\d{1,6})?(?:([-+])(\d\d)(?::(\d\d))?|Z)?$/.exec(
    value,
  );
  if (!m) return false;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [1, 2, 3, 4, 5, 6, 9, 10].map(
    (i) => Number(m[i] ?? 0),
  ) as [number, number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1 &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 15 &&
    offsetMinutes <= 59
  );
}

/** What PostgreSQL would cast without an error; anything else never reaches it. */
const VALUE_FITS: Record<KeyPart["cast"], (value: string) => boolean> = {
  real: isReal,
  int: (v) => /^-?\d{1,10}$/.test(v) && Math.abs(Number(v)) <= 2_147_483_647,
  bool: (v) => /^(true|false)$/.test(v),
  timestamptz: isTimestamp,
  uuid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  // PostgreSQL text cannot hold NUL.
  text: (v) => !v.includes("\u0000"),
};

/**
 * Reads `after`/`before` URL parameters. A cursor that is not one of `parts` (edited, or from
 * another sort, or out of the type's range) reads as the first page rather than reaching the
 * database as a bad cast.
 */
export function seekFrom(params: { after?: string | null; before?: string | null }, parts: KeyPart[]): Seek {
  if (params.before === "end") return { dir: "last" };
  const fits = (values: string[] | null) =>
    values && values.every((v, i) => VALUE_FITS[parts[i]!.cast](v)) ? values : null;
  const before = fits(decodeCursor(params.before, parts.length));
  if (before) return { dir: "before", values: before };
  const after = fits(decodeCursor(params.after, parts.length));
  return after ? { dir: "after", values: after } : { dir: "first" };
}

const cast = (value: string, type: KeyPart["cast"]) => sql`${value}::${sql.raw(type)}`;

/** `(k1, k2, …) > (v1, v2, …)`: one row comparison, which PostgreSQL serves from the index. */
function keysetCondition(parts: KeyPart[], seek: Seek): SQL | undefined {
  if (seek.dir !== "after" && seek.dir !== "before") return undefined;
  const keys = sql.join(
    parts.map((p) => p.expr),
    sql`, `,
  );
  const values = sql.join(
    parts.map((p, i) => cast(seek.values[i]!, p.cast)),
    sql`, `,
  );
  return seek.dir === "after" ? sql`(${keys}) > (${values})` : sql`(${keys}) < (${values})`;
}

function keysetOrder(parts: KeyPart[], seek: Seek): SQL[] {
  const backwards = seek.dir === "before" || seek.dir === "last";
  return parts.map((p) => (backwards ? sql`${p.expr} desc` : sql`${p.expr} asc`));
}

/** The row's key as JSON text, selected with each row to build the cursors. */
export function keysetKey(parts: KeyPart[]): SQL<string> {
  return sql<string>`json_build_array(${sql.join(
    parts.map((p) => sql`(${p.expr})::text`),
    sql`, `,
  )})::text`;
}

/**
 * Runs `read(condition, order, limit)` for the page `seek` names and builds the neighbours'
 * cursors. `read` must select `keysetKey(parts)` as `cursorKey`. A `before` page that runs out
 * of rows (rows were added meanwhile) is read again as the first page.
 */
export async function keysetPage<T extends { cursorKey: string }>(
  parts: KeyPart[],
  seek: Seek,
  size: number,
  read: (condition: SQL | undefined, order: SQL[], limit: number) => Promise<T[]>,
  total?: number,
): Promise<KeysetPage<Omit<T, "cursorKey">>> {
  // The last page holds what is left after whole pages (when the total is known), so that
  // paging back from it meets the same pages as paging forward.
  const take = seek.dir === "last" && total ? total - Math.ceil(total / size - 1) * size : size;
  let rows = await read(keysetCondition(parts, seek), keysetOrder(parts, seek), take + 1);
  const more = rows.length > take;
  rows = rows.slice(0, take);
  if (seek.dir === "before" && !more) return keysetPage(parts, { dir: "first" }, size, read, total);
  const backwards = seek.dir === "before" || seek.dir === "last";
  if (backwards) rows.reverse();
  const cursorOf = (row: T | undefined) =>
    row ? encodeCursor((JSON.parse(row.cursorKey) as unknown[]).map(String)) : null;
  const first = seek.dir === "first" || (backwards && !more);
  const last = seek.dir === "last" || (!backwards && !more);
  return {
    rows: rows.map(({ cursorKey: _key, ...row }) => row),
    previous: first ? null : cursorOf(rows[0]),
    next: last ? null : cursorOf(rows[rows.length - 1]),
    first,
  };
}

type PageCursor = { after?: string; before?: string; page?: number };
type PageLinks = {
  /** The page number shown ("Page 3 of 200"); carried in the URL beside the cursor. */
  page: number;
  pages: number;
  first: string | null;
  previous: string | null;
  next: string | null;
  last: string | null;
};

/** First / previous / next / last links of a keyset page; `href` builds a URL from a cursor. */
export function pageLinks(
  result: Pick<KeysetPage<unknown>, "previous" | "next" | "first">,
  seek: Seek,
  shownPage: number,
  total: number,
  size: number,
  href: (cursor: PageCursor) => string,
): PageLinks {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = result.first
    ? 1
    : seek.dir === "last" || !result.next
      ? pages
      : Math.min(Math.max(2, shownPage), pages);
  return {
    page,
    pages,
    first: result.first ? null : href({}),
    previous: result.previous ? href({ before: result.previous, page: page - 1 }) : null,
    next: result.next ? href({ after: result.next, page: page + 1 }) : null,
    last: result.next ? href({ before: "end", page: pages }) : null,
  };
}
