import Link from "next/link";

/** Previous / "Page x of y · n things" / Next, with each page's URL built by the caller. */
export function Pagination({
  page,
  pages,
  total,
  noun,
  plural = `${noun}s`,
  href,
}: {
  page: number;
  pages: number;
  total: number;
  noun: string;
  plural?: string;
  href: (page: number) => string;
}) {
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center gap-3 text-sm">
      {page > 1 ? (
        <Link className="underline" href={href(page - 1)}>
          Previous
        </Link>
      ) : null}
      <span>
        Page {page} of {pages} · {total} {total === 1 ? noun : plural}
      </span>
      {page < pages ? (
        <Link className="underline" href={href(page + 1)}>
          Next
        </Link>
      ) : null}
    </nav>
  );
}
