import Link from "next/link";

type Labels = { noun: string; plural?: string };

function Summary({
  page,
  pages,
  total,
  noun,
  plural = `${noun}s`,
}: Labels & { page: number; pages: number; total: number }) {
  return (
    <span>
      Page {page} of {pages} · {total} {total === 1 ? noun : plural}
    </span>
  );
}

/** Previous / "Page x of y · n things" / Next, with each page's URL built by the caller. */
export function Pagination({
  page,
  pages,
  total,
  noun,
  plural,
  href,
}: Labels & {
  page: number;
  pages: number;
  total: number;
  href: (page: number) => string;
}) {
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center gap-3 text-sm">
      {page > 1 ? (
        <Link className="underline" href={href(page - 1)}>
          Previous
        </Link>
      ) : null}
      <Summary page={page} pages={pages} total={total} noun={noun} plural={plural} />
      {page < pages ? (
        <Link className="underline" href={href(page + 1)}>
          Next
        </Link>
      ) : null}
    </nav>
  );
}

/**
 * The same for keyset pages (lib/documents/keyset.ts pageLinks): each link carries a cursor, so
 * there is no "page 137" link, only first, previous, next and last. Not prefetched: a page of
 * rows is cheap to render but not worth rendering for every table on screen.
 */
export function CursorPagination({
  links,
  total,
  noun,
  plural,
}: Labels & {
  links: {
    page: number;
    pages: number;
    first: string | null;
    previous: string | null;
    next: string | null;
    last: string | null;
  };
  total: number;
}) {
  const link = (href: string | null, label: string) =>
    href ? (
      <Link className="underline" href={href} prefetch={false}>
        {label}
      </Link>
    ) : null;
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center gap-3 text-sm">
      {link(links.first, "First")}
      {link(links.previous, "Previous")}
      <Summary page={links.page} pages={links.pages} total={total} noun={noun} plural={plural} />
      {link(links.next, "Next")}
      {link(links.last, "Last")}
    </nav>
  );
}
