import { createLoader, parseAsInteger, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { APPLICATION_SORTS, APPLICATION_STATUS_FILTERS } from "@/lib/flows/status";

/** The application list's filters, sort and page, all in the URL. */
export const applicationListParams = {
  status: parseAsStringLiteral(APPLICATION_STATUS_FILTERS),
  product: parseAsString,
  q: parseAsString.withDefault(""),
  sort: parseAsStringLiteral(APPLICATION_SORTS).withDefault("newest"),
  page: parseAsInteger.withDefault(1),
};

export const loadApplicationListParams = createLoader(applicationListParams);
