import type { DocumentBuilder } from "./identity-documents";
import {
  addDays,
  addYears,
  corruptGstin,
  formatDate,
  impossibleDate,
  makeDate,
  makeGstin,
  makeIfsc,
  makeImei,
  makePan,
} from "./identifiers";
import { BANKS, NATURES_OF_BUSINESS, NIC_CODES, PLACES } from "./india";
import {
  addressLine,
  dealerAddressOnDeliveryOrder,
  dealerAddressOnInvoice,
  formattedAddress,
  fullName,
  makeDealer,
  upper,
  type Cast,
} from "./people";

const money = (n: number) => n.toFixed(2);

function legalName(cast: Cast): string {
  const { business, person } = cast;
  if (business.constitution.name === "Proprietorship") return upper(fullName(person));
  if (business.constitution.name === "Private Limited Company")
    return upper(`${business.name} Private Limited`);
  if (business.constitution.name === "Limited Liability Partnership") return upper(`${business.name} LLP`);
  return upper(business.name);
}

export const buildGstCert: DocumentBuilder = ({ fields, rng, cast }) => {
  const { business, person } = cast;
  const initial = business.constitution.panType === "P" ? person.surname[0]! : business.name[0]!;
  const gstin = makeGstin(
    rng,
    business.address.place.gstCode,
    makePan(rng, business.constitution.panType, initial),
  );
  fields
    .add("gst_number", gstin, "id")
    .add("legal_name", legalName(cast), "text")
    .add("address", addressLine(business.address), "address")
    .add("formatted_address", formattedAddress(business.address), "address")
    .add("date_of_issue", formatDate(business.incorporated), "date")
    .add("constitution_of_business", business.constitution.name, "text")
    .add("valid_from", formatDate(business.incorporated), "date")
    .add("valid_upto", "NA", "text");
  return () => fields.plant("gst_number", corruptGstin(gstin), "GSTIN check character is wrong");
};

export const buildUdyamCert: DocumentBuilder = ({ fields, rng, cast }) => {
  const { business, person } = cast;
  const codes = [rng.pick(NIC_CODES), rng.pick(NIC_CODES)].filter((c, i, all) => all.indexOf(c) === i);
  fields
    .add(
      "udyam_registration_number",
      `UDYAM-${business.address.place.rtoCode}-${rng.digits(2)}-${rng.digits(7)}`,
      "id",
    )
    .add("enterprise_name", upper(business.name), "text")
    .add("owner_name", upper(fullName(person)), "text")
    .add("address", addressLine(business.address), "address")
    .add("type_of_enterprise", rng.pick(["Micro", "Micro", "Small", "Medium"]), "text")
    .add(
      "nic_codes",
      codes.map((c) => ({ nic_code: c.slice(0, 5), description: c.slice(8) })),
      "table",
    );
  return undefined;
};

export const buildShopActLicense: DocumentBuilder = ({ fields, rng, cast }) => {
  const { business, person } = cast;
  fields
    .add("registration_number", `2731${rng.digits(12)}`, "id")
    .add("establishment_name", upper(business.name), "text")
    .add("employer_name", upper(fullName(person)), "text")
    .add("address", addressLine(business.address), "address")
    .add("nature_of_business", rng.pick(NATURES_OF_BUSINESS), "text")
    .add("total_employees", rng.int(1, 25), "amount");
  return undefined;
};

export const buildFssai: DocumentBuilder = ({ fields, rng, cast }) => {
  const validTill = addDays(addYears(makeDate(rng, 2022, 2025), 5), -1);
  fields
    .add("registration_number", `${rng.pick(["1", "2"])}${rng.digits(13)}`, "id")
    .add("name", upper(cast.business.name), "text")
    .add("address", addressLine(cast.business.address), "address")
    .add("valid_till", formatDate(validTill), "date");
  return () => fields.plant("valid_till", impossibleDate(validTill.year), "date does not exist");
};

function dealerFor(ctx: Parameters<DocumentBuilder>[0]) {
  if (!ctx.dealerMismatch) return ctx.cast.dealer;
  // The same dealer name at a branch in another city: the address cross-check should clearly fail.
  const other = PLACES.filter((p) => p.city !== ctx.cast.dealer.place.city);
  return { ...makeDealer(ctx.rng.fork("mismatch"), ctx.rng.pick(other)), name: ctx.cast.dealer.name };
}

export const buildInvoice: DocumentBuilder = (ctx) => {
  const { fields, rng, cast } = ctx;
  const dealer = dealerFor(ctx);
  const date = makeDate(rng, 2025, 2025);
  const warranty = rng.chance(0.5) ? 1499 : 0;
  const rows = [
    {
      description: cast.product.name,
      quantity: "1",
      rate: money(cast.product.price),
      amount: money(cast.product.price),
    },
    ...(warranty
      ? [
          {
            description: "Extended Warranty 1 Year",
            quantity: "1",
            rate: money(warranty),
            amount: money(warranty),
          },
        ]
      : []),
  ];
  const initials = dealer.name
    .split(" ")
    .map((w) => w[0])
    .join("");
  fields
    .add("invoice_number", `${initials}/2025-26/${rng.digits(4)}`, "id")
    .add("invoice_date", formatDate(date), "date")
    .add("dealer_name", upper(dealer.name), "text")
    .add("dealer_address", dealerAddressOnInvoice(dealer), "address")
    .add(
      "customer_name",
      upper(
        `${cast.person.first} ${cast.person.middle?.[0] ?? ""} ${cast.person.surname}`.replace(/\s+/g, " "),
      ),
      "text",
    );
  if (cast.product.phone) fields.add("imei_number", makeImei(rng.fork("imei")), "id");
  fields.add("total_amount", money(cast.product.price + warranty), "amount").add("line_items", rows, "table");
  return () => fields.plant("invoice_date", impossibleDate(date.year), "date does not exist");
};

export const buildDeliveryOrder: DocumentBuilder = (ctx) => {
  const { fields, rng, cast } = ctx;
  const dealer = dealerFor(ctx);
  const title = cast.person.gender === "MALE" ? "Mr." : "Ms.";
  fields
    .add("do_number", `DO-2025-${rng.digits(5)}`, "id")
    .add("dealer_name", dealer.name, "text")
    .add("dealer_address", dealerAddressOnDeliveryOrder(dealer), "address")
    .add("customer_name", `${title} ${fullName(cast.person)}`, "text")
    .add("asset_cost", money(cast.product.price), "amount");
  return undefined;
};

export const buildBankStatement: DocumentBuilder = ({ fields, rng, cast }) => {
  const bank = rng.pick(BANKS);
  const ifsc = makeIfsc(rng, bank.prefix);
  const from = { day: 1, month: rng.int(1, 9), year: 2025 };
  const to = addDays(from, 89);
  let balance = rng.int(5_000, 90_000) + rng.int(0, 99) / 100;
  const salary = rng.int(25, 120) * 1000;
  const transactions = Array.from({ length: rng.int(6, 10) }, (_, i) => {
    const credit = i % 4 === 0;
    const amount = credit ? salary : rng.int(200, Math.max(300, Math.floor(salary / 5)));
    balance = credit ? balance + amount : balance - amount;
    return {
      date: formatDate(addDays(from, i * 9 + rng.int(0, 8))),
      description: credit
        ? "NEFT SALARY"
        : rng.pick(["UPI/SWIGGY", "ATM WDL", "UPI/AMAZON", "EMI DEBIT", "POS/DMART", "BILLPAY ELECTRICITY"]),
      debit: credit ? "" : money(amount),
      credit: credit ? money(amount) : "",
      balance: money(balance),
    };
  });
  fields
    .add("account_holder_name", upper(fullName(cast.person)), "text")
    .add("account_number", rng.digits(rng.pick([11, 12, 14])), "id")
    .add("ifsc", ifsc, "id")
    .add("bank_name", bank.name, "text")
    .add("statement_from", formatDate(from), "date")
    .add("statement_to", formatDate(to), "date")
    .add("closing_balance", money(balance), "amount")
    .add("transactions", transactions, "table");
  return () => fields.plant("ifsc", `${ifsc.slice(0, 4)}O${ifsc.slice(5)}`, "5th IFSC character must be 0");
};
