/**
 * The filter row of a list page that has a search box, a status, a product type and a sort
 * (batches, applications): one GET form, filters live in the URL.
 */
import { FilterApply, FilterForm, FilterSelect, FilterText } from "./filter-form";

type Choice = { value: string; label: string };

export function ListFilters({
  label,
  searchLabel,
  params,
  statuses,
  productTypes,
  sorts,
}: {
  /** Names the form for screen readers ("Filter batches"). */
  label: string;
  searchLabel: string;
  params: { q: string; status: string | null; product: string | null; sort: string };
  statuses: readonly Choice[];
  productTypes: readonly string[];
  sorts: readonly Choice[];
}) {
  return (
    <FilterForm label={label} className="mb-4">
      <FilterText label={searchLabel} name="q" defaultValue={params.q} />
      <FilterSelect
        label="Status"
        name="status"
        defaultValue={params.status ?? ""}
        any="Any status"
        options={statuses}
      />
      <FilterSelect
        label="Product type"
        name="product"
        defaultValue={params.product ?? ""}
        any="Any product"
        options={productTypes}
      />
      <FilterSelect label="Sort" name="sort" defaultValue={params.sort} options={sorts} />
      <FilterApply />
    </FilterForm>
  );
}
