/** How tall the fields table's rows are; remembered per user (use-density.ts). */
export type Density = "comfortable" | "compact";

/**
 * The fields table's layout, kept apart from its rows. From `md` up the table has fixed column
 * widths, so a long value wraps and a nested table (transactions, line items) scrolls inside its
 * own cell instead of widening the page; below `md` each field stacks as a small card (name and
 * confidence, then the value, the reason and the review buttons), so a phone never scrolls
 * sideways. Selectors reach only this table's own rows (`>`), never a nested table's.
 */
const LAYOUT = [
  "w-full md:table-fixed",
  "[&>tbody>tr>*]:break-words",
  "max-md:block max-md:[&>thead]:sr-only max-md:[&>tbody]:block",
  "max-md:[&>tbody>tr]:grid max-md:[&>tbody>tr]:grid-cols-[minmax(0,1fr)_auto] max-md:[&>tbody>tr]:grid-flow-dense",
  "max-md:[&>tbody>tr>*]:block max-md:[&>tbody>tr>*]:min-w-0",
  "max-md:[&>tbody>tr>:is(:nth-child(2),:nth-child(4),:nth-child(5),[colspan])]:col-span-2",
  "max-md:[&>tbody>tr>:is(:nth-child(2),:nth-child(4),:nth-child(5))]:pt-0",
].join(" ");

const DENSITY: Record<Density, string> = {
  comfortable: "",
  compact: "[&>tbody>tr>*]:py-0.5 [&>tbody>tr>*]:leading-snug",
};

export function fieldsTableClass(density: Density): string {
  return `${LAYOUT} ${DENSITY[density]}`;
}
