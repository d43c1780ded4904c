/**
 * The document types a reviewer can reclassify a failed document to, with the field keys Atlas
 * publishes for each (../shared/atlas-api.md §3.5; the simulator's keys where Atlas publishes
 * none). Client-safe. A field registry per type (labels, kinds) can replace this table: callers
 * only use `RECLASSIFY_TYPES` and `fieldKeysOf`.
 */
const FIELD_KEYS: Record<string, readonly string[]> = {
  PAN: ["name_as_per_pan", "father_name", "dob", "pan_number", "document_quality_flag"],
  AADHAAR: ["name", "address", "formatted_address", "aadhaar_number", "date_of_birth"],
  DRIVING_LICENSE: ["dl_number", "name", "date_of_birth", "issue_date", "valid_till", "state"],
  VOTER_ID: ["voter_id", "name", "date_of_birth", "gender"],
  PASSPORT: [
    "passport_number",
    "name",
    "date_of_birth",
    "place_of_birth",
    "gender",
    "date_of_issue",
    "date_of_expiry",
    "place_of_issue",
  ],
  GST_CERT: [
    "gst_number",
    "legal_name",
    "address",
    "formatted_address",
    "date_of_issue",
    "constitution_of_business",
  ],
  UDYAM_CERT: [
    "udyam_registration_number",
    "enterprise_name",
    "owner_name",
    "address",
    "type_of_enterprise",
    "nic_codes",
  ],
  SHOP_ACT_LICENSE: [
    "registration_number",
    "establishment_name",
    "employer_name",
    "address",
    "nature_of_business",
    "total_employees",
  ],
  FSSAI: ["registration_number", "name", "address", "valid_till"],
  INVOICE: [
    "invoice_number",
    "invoice_date",
    "dealer_name",
    "dealer_address",
    "customer_name",
    "imei_number",
    "total_amount",
  ],
  DELIVERY_ORDER: ["do_number", "dealer_name", "dealer_address", "customer_name", "asset_cost"],
  BANK_STATEMENT: [
    "account_holder_name",
    "account_number",
    "ifsc",
    "bank_name",
    "statement_from",
    "statement_to",
    "closing_balance",
  ],
};

export const RECLASSIFY_TYPES: readonly string[] = Object.keys(FIELD_KEYS).sort();

/** The field keys a document of this type carries, in display order; undefined for an unknown type. */
export function fieldKeysOf(documentType: string): readonly string[] | undefined {
  return FIELD_KEYS[documentType];
}
