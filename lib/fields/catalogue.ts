/**
 * The fields Atlas returns per document type (atlas-api.md §3.5; the [SIM] keys for the types
 * whose keys Atlas has not published), in the order a document prints them. Data only: the
 * lookups live in registry.ts.
 */
import type { PartSpec, ScalarKind } from "./registry";

export type FieldDef = {
  key: string;
  label: string;
  kind: ScalarKind | "address" | "table";
  options?: readonly string[];
  parts?: readonly PartSpec[];
  columns?: readonly PartSpec[];
  /** "NA" is a value: certificates print it for a registration that does not expire. */
  naAllowed?: boolean;
};

/** The 28 states and 8 union territories, as Atlas and the documents spell them. */
const INDIAN_STATES = [
  "Andhra Pradesh",
  "Arunachal Pradesh",
  "Assam",
  "Bihar",
  "Chhattisgarh",
  "Goa",
  "Gujarat",
  "Haryana",
  "Himachal Pradesh",
  "Jharkhand",
  "Karnataka",
  "Kerala",
  "Madhya Pradesh",
  "Maharashtra",
  "Manipur",
  "Meghalaya",
  "Mizoram",
  "Nagaland",
  "Odisha",
  "Punjab",
  "Rajasthan",
  "Sikkim",
  "Tamil Nadu",
  "Telangana",
  "Tripura",
  "Uttar Pradesh",
  "Uttarakhand",
  "West Bengal",
  "Andaman and Nicobar Islands",
  "Chandigarh",
  "Dadra and Nagar Haveli and Daman and Diu",
  "Delhi",
  "Jammu and Kashmir",
  "Ladakh",
  "Lakshadweep",
  "Puducherry",
] as const;

/** The "Constitution of Business" choices of the GST registration form (REG-01). */
const GST_CONSTITUTIONS = [
  "Proprietorship",
  "Partnership",
  "Hindu Undivided Family",
  "Private Limited Company",
  "Public Limited Company",
  "Society/Club/Trust/AOP",
  "Government Department",
  "Public Sector Undertaking",
  "Unlimited Company",
  "Limited Liability Partnership",
  "Local Authority",
  "Statutory Body",
  "Foreign Company",
  "Foreign Limited Liability Partnership",
  "Others",
] as const;

/** The parts of `formatted_address` (atlas-api.md §3.2). */
export const ADDRESS_PARTS: readonly PartSpec[] = [
  { key: "address_line_1", label: "Address line 1", kind: "text" },
  { key: "address_line_2", label: "Address line 2", kind: "text" },
  { key: "city", label: "City", kind: "text" },
  { key: "state", label: "State", kind: "enum", options: INDIAN_STATES },
  { key: "postcode", label: "PIN code", kind: "identifier", digits: 6 },
];

const name = (key: string, label: string): FieldDef => ({ key, label, kind: "name" });
const date = (key: string, label: string, naAllowed?: boolean): FieldDef =>
  naAllowed ? { key, label, kind: "date", naAllowed } : { key, label, kind: "date" };
const id = (key: string, label: string): FieldDef => ({ key, label, kind: "identifier" });
const text = (key: string, label: string): FieldDef => ({ key, label, kind: "text" });
const amount = (key: string, label: string): FieldDef => ({ key, label, kind: "amount" });
const enumOf = (key: string, label: string, options: readonly string[]): FieldDef => ({
  key,
  label,
  kind: "enum",
  options,
});
const address = (key = "address", label = "Address"): FieldDef => ({ key, label, kind: "address" });
const formattedAddress: FieldDef = {
  key: "formatted_address",
  label: "Address (parts)",
  kind: "address",
  parts: ADDRESS_PARTS,
};
const dob = date("date_of_birth", "Date of birth");
const fullName = name("name", "Name");

export const CATALOGUE: Record<string, readonly FieldDef[]> = {
  AADHAAR: [fullName, dob, id("aadhaar_number", "Aadhaar number"), address(), formattedAddress],
  PAN: [
    name("name_as_per_pan", "Name as per PAN"),
    name("father_name", "Father's name"),
    date("dob", "DOB"),
    id("pan_number", "PAN number"),
    enumOf("document_quality_flag", "Document quality", ["original", "xerox_copy", "photo_of_photo"]),
  ],
  DRIVING_LICENSE: [
    id("dl_number", "DL number"),
    fullName,
    dob,
    date("issue_date", "Issue date"),
    date("valid_till", "Valid till", true),
    enumOf("state", "State", INDIAN_STATES),
  ],
  VOTER_ID: [
    id("voter_id", "Voter ID (EPIC) number"),
    fullName,
    dob,
    enumOf("gender", "Gender", ["Male", "Female", "Third gender"]),
  ],
  PASSPORT: [
    id("passport_number", "Passport number"),
    fullName,
    dob,
    text("place_of_birth", "Place of birth"),
    enumOf("gender", "Gender", ["M", "F", "T"]),
    date("date_of_issue", "Date of issue"),
    date("date_of_expiry", "Date of expiry"),
    text("place_of_issue", "Place of issue"),
  ],
  GST_CERT: [
    id("gst_number", "GSTIN"),
    name("legal_name", "Legal name"),
    address(),
    formattedAddress,
    date("date_of_issue", "Date of issue"),
    enumOf("constitution_of_business", "Constitution of business", GST_CONSTITUTIONS),
    date("valid_from", "Valid from"),
    date("valid_upto", "Valid up to", true),
  ],
  UDYAM_CERT: [
    id("udyam_registration_number", "Udyam registration number"),
    name("enterprise_name", "Enterprise name"),
    name("owner_name", "Owner's name"),
    address(),
    enumOf("type_of_enterprise", "Type of enterprise", ["Micro", "Small", "Medium"]),
    {
      key: "nic_codes",
      label: "NIC codes",
      kind: "table",
      columns: [
        { key: "nic_code", label: "NIC code", kind: "identifier" },
        { key: "description", label: "Description", kind: "text" },
      ],
    },
  ],
  SHOP_ACT_LICENSE: [
    id("registration_number", "Registration number"),
    name("establishment_name", "Establishment name"),
    name("employer_name", "Employer's name"),
    address(),
    text("nature_of_business", "Nature of business"),
    { key: "total_employees", label: "Total employees", kind: "number" },
  ],
  FSSAI: [
    id("registration_number", "FSSAI registration number"),
    name("name", "Name of business"),
    address(),
    date("valid_till", "Valid till", true),
  ],
  INVOICE: [
    id("invoice_number", "Invoice number"),
    date("invoice_date", "Invoice date"),
    name("dealer_name", "Dealer name"),
    address("dealer_address", "Dealer address"),
    name("customer_name", "Customer name"),
    id("imei_number", "IMEI number"),
    amount("total_amount", "Total amount"),
    {
      key: "line_items",
      label: "Line items",
      kind: "table",
      columns: [
        { key: "description", label: "Description", kind: "text" },
        { key: "quantity", label: "Quantity", kind: "number" },
        { key: "rate", label: "Rate", kind: "amount" },
        { key: "amount", label: "Amount", kind: "amount" },
      ],
    },
  ],
  DELIVERY_ORDER: [
    id("do_number", "DO number"),
    name("dealer_name", "Dealer name"),
    address("dealer_address", "Dealer address"),
    name("customer_name", "Customer name"),
    amount("asset_cost", "Asset cost"),
  ],
  BANK_STATEMENT: [
    name("account_holder_name", "Account holder's name"),
    id("account_number", "Account number"),
    id("ifsc", "IFSC"),
    text("bank_name", "Bank name"),
    date("statement_from", "Statement from"),
    date("statement_to", "Statement to"),
    amount("closing_balance", "Closing balance"),
    {
      key: "transactions",
      label: "Transactions",
      kind: "table",
      columns: [
        { key: "date", label: "Date", kind: "date" },
        { key: "description", label: "Description", kind: "text" },
        { key: "debit", label: "Debit", kind: "amount" },
        { key: "credit", label: "Credit", kind: "amount" },
        { key: "balance", label: "Balance", kind: "amount" },
      ],
    },
  ],
};

/** What people call each document type, for the screens (the code stays Atlas's word for it). */
export const DOCUMENT_TYPE_LABELS: Record<string, string> = {
  AADHAAR: "Aadhaar",
  PAN: "PAN card",
  DRIVING_LICENSE: "Driving licence",
  VOTER_ID: "Voter ID",
  PASSPORT: "Passport",
  GST_CERT: "GST certificate",
  UDYAM_CERT: "Udyam certificate",
  SHOP_ACT_LICENSE: "Shop Act licence",
  FSSAI: "FSSAI licence",
  INVOICE: "Invoice",
  DELIVERY_ORDER: "Delivery order",
  BANK_STATEMENT: "Bank statement",
};
