import { compareDates, parseIndianDate, type CalendarDate } from "./dates";
import {
  fieldText,
  firstFieldText,
  parseAmountPaise,
  plainAmount,
  readAmountText,
  unwrapField,
} from "./field-values";
import { panInGstin } from "./gstin";
import { normalisePan } from "./pan";
import { fail, type ValidationFailure } from "./types";
import { formatAmountNumber, formatAmountText } from "@/lib/format";

/** A failed consistency check and the fields it concerns (each gets the result). */
export type CrossFieldFinding = { paths: string[]; result: ValidationFailure };

const BIRTH_KEYS = ["dob", "date_of_birth"];
const ISSUE_KEYS = ["issue_date", "date_of_issue"];
const EXPIRY_KEYS = ["valid_till", "date_of_expiry", "valid_upto", "expiry_date"];
const GSTIN_KEYS = ["gst_number", "gstin"];
const PAN_KEYS = ["pan_number", "pan"];
const RUPEE_TOLERANCE_PAISE = 100;

function dateField(
  fields: Record<string, unknown>,
  keys: string[],
): { key: string; date: CalendarDate } | null {
  const found = firstFieldText(fields, keys);
  if (!found) return null;
  const parsed = parseIndianDate(found.text);
  return parsed.ok ? { key: found.key, date: parsed.date } : null;
}

/** `later` must come strictly after `earlier` (or on the same day when `allowSameDay`). */
function orderCheck(
  fields: Record<string, unknown>,
  earlierKeys: string[],
  laterKeys: string[],
  allowSameDay: boolean,
  result: ValidationFailure,
): CrossFieldFinding[] {
  const earlier = dateField(fields, earlierKeys);
  const later = dateField(fields, laterKeys);
  if (!earlier || !later) return [];
  const order = compareDates(earlier.date, later.date);
  const inOrder = allowSameDay ? order <= 0 : order < 0;
  return inOrder ? [] : [{ paths: [earlier.key, later.key], result }];
}

// For individuals (4th letter P) the 5th letter of the PAN is the surname's initial. Naming
// conventions vary (initials first in South India), hence a warning, not an error.
function panSurnameInitial(documentType: string, fields: Record<string, unknown>): CrossFieldFinding[] {
  const panField = firstFieldText(fields, PAN_KEYS);
  const pan = panField && normalisePan(panField.text);
  const nameKeys = documentType.toUpperCase() === "PAN" ? ["name_as_per_pan", "name"] : ["name_as_per_pan"];
  const name = firstFieldText(fields, nameKeys);
  if (!panField || !pan || pan[3] !== "P" || !name) return [];
  const words = name.text.toUpperCase().match(/[A-Z]+/g);
  const initial = words?.at(-1)?.[0];
  if (!initial || initial === pan[4]) return [];
  const message = `PAN 5th letter ${pan[4]} ≠ surname initial ${initial}`;
  return [{ paths: [panField.key], result: fail("pan.surname_initial", message, "warning") }];
}

function gstinMatchesPan(fields: Record<string, unknown>): CrossFieldFinding[] {
  const gstin = firstFieldText(fields, GSTIN_KEYS);
  const panField = firstFieldText(fields, PAN_KEYS);
  const embedded = gstin && panInGstin(gstin.text);
  const pan = panField && normalisePan(panField.text);
  if (!gstin || !panField || !embedded || !pan || embedded === pan) return [];
  const message = `PAN in GSTIN (${embedded}) differs from PAN ${pan}`;
  return [{ paths: [gstin.key, panField.key], result: fail("gstin.pan_mismatch", message) }];
}

function lineItemsTotal(fields: Record<string, unknown>): CrossFieldFinding[] {
  const items = unwrapField(fields.line_items);
  const totalText = fieldText(fields, "total_amount");
  const total = parseAmountPaise(totalText);
  if (!Array.isArray(items) || items.length === 0 || total === null) return [];
  const amounts = items.map((item) =>
    typeof item === "object" && item !== null && "amount" in item
      ? parseAmountPaise(unwrapField(item.amount))
      : null,
  );
  // A missing or unreadable amount would make any sum misleading; leave it to the reviewer.
  if (amounts.some((amount) => amount === null)) return [];
  const sum = amounts.reduce<number>((acc, amount) => acc + (amount ?? 0), 0);
  if (Math.abs(sum - total) <= RUPEE_TOLERANCE_PAISE) return [];
  // The total as Atlas wrote it, every digit (a third decimal is not rounded away on screen).
  const totalRead = totalText === null ? null : readAmountText(totalText);
  const shownTotal = totalRead ? formatAmountText(plainAmount(totalRead)) : formatAmountNumber(total / 100);
  const message = `Line items add up to ${formatAmountNumber(sum / 100)}, total is ${shownTotal}`;
  return [{ paths: ["total_amount", "line_items"], result: fail("invoice.line_items_total", message) }];
}

/**
 * Consistency checks between fields of one document. Each applies whenever its fields are
 * present, whatever the document type; a field that does not parse is left to its own validator.
 */
export function crossFieldChecks(documentType: string, fields: Record<string, unknown>): CrossFieldFinding[] {
  return [
    ...panSurnameInitial(documentType, fields),
    ...gstinMatchesPan(fields),
    ...orderCheck(
      fields,
      BIRTH_KEYS,
      ISSUE_KEYS,
      false,
      fail("dates.birth_before_issue", "Date of birth is not before the issue date"),
    ),
    ...orderCheck(
      fields,
      ISSUE_KEYS,
      EXPIRY_KEYS,
      false,
      fail("dates.issue_before_expiry", "Issue date is not before the expiry date"),
    ),
    ...orderCheck(
      fields,
      ["statement_from"],
      ["statement_to"],
      true,
      fail("dates.period_order", "Statement ends before it starts"),
    ),
    ...lineItemsTotal(fields),
  ];
}
