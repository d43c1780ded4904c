import { createLoader, createSerializer, parseAsInteger, parseAsStringLiteral } from "nuqs/server";
import { parseAsText } from "../search-text";
import { APPLICATION_SORTS, APPLICATION_STATUS_FILTERS } from "@/lib/applications/status";

/** The application list's filters, sort and page, all in the URL. */
export const applicationListParams = {
  status: parseAsStringLiteral(APPLICATION_STATUS_FILTERS),
  product: parseAsText,
  q: parseAsText.withDefault(""),
  sort: parseAsStringLiteral(APPLICATION_SORTS).withDefault("newest"),
  page: parseAsInteger.withDefault(1),
};

export const loadApplicationListParams = createLoader(applicationListParams);

const serializeApplicationList = createSerializer(applicationListParams);

type ApplicationListState = {
  status: (typeof APPLICATION_STATUS_FILTERS)[number] | null;
  product: string | null;
  q: string;
  sort: (typeof APPLICATION_SORTS)[number];
};

/** A page of the application list with the filters kept; defaults and empty filters stay out. */
export function applicationListHref(state: ApplicationListState, page: number): string {
  return serializeApplicationList("/applications", {
    status: state.status,
    product: state.product || null,
    q: state.q,
    sort: state.sort,
    page,
  });
}
