import type { FieldSet } from "./fields";
import {
  addDays,
  addYears,
  corruptAadhaar,
  corruptPan,
  formatDate,
  impossibleDate,
  makeAadhaar,
  makeDate,
  makePan,
} from "./identifiers";
import { addressLine, fatherName, formattedAddress, fullName, upper, type Cast } from "./people";
import type { Rng } from "./random";

export interface BuildContext {
  fields: FieldSet;
  rng: Rng;
  cast: Cast;
  /** INVOICE / DELIVERY_ORDER only: print another dealer's address than the case's. */
  dealerMismatch: boolean;
}

/** Fills the fields and returns how to plant this type's wrong-but-confident value, if it has one. */
export type DocumentBuilder = (ctx: BuildContext) => (() => void) | undefined;

export const buildAadhaar: DocumentBuilder = ({ fields, rng, cast: { person } }) => {
  const number = makeAadhaar(rng);
  // Decision: the simulator returns the FULL number (grouped "1234 5678 9012") rather than the
  // masked "**** **** 9012" of the docs example, so the dashboard's Verhoeff validator has
  // something to check. The dashboard is responsible for masking it on screen.
  fields
    .add("name", fullName(person), "text")
    .add("date_of_birth", formatDate(person.dob), "date")
    .add("address", addressLine(person.address), "address")
    .add("formatted_address", formattedAddress(person.address), "address")
    .add("aadhaar_number", number, "id", { redact_url: fakeRedactUrl(rng) });
  return () => fields.plant("aadhaar_number", corruptAadhaar(number), "Verhoeff check digit is wrong");
};

export const buildPan: DocumentBuilder = ({ fields, rng, cast: { person } }) => {
  const pan = makePan(rng, "P", person.surname[0]!);
  const quality = rng.next();
  fields
    .add("name_as_per_pan", upper(fullName(person)), "text")
    .add("father_name", upper(fatherName(person)), "text")
    .add("dob", formatDate(person.dob), "date")
    .add("pan_number", pan, "id")
    .add(
      "document_quality_flag",
      quality < 0.8 ? "original" : quality < 0.92 ? "xerox_copy" : "photo_of_photo",
      "text",
    );
  return () => fields.plant("pan_number", corruptPan(pan), "4th character is not a valid PAN holder type");
};

export const buildDrivingLicense: DocumentBuilder = ({ fields, rng, cast: { person } }) => {
  // Issued between the 18th birthday and at most 35 years later, but never after 2024, so that
  // (being deterministic) the date is in the past whenever the simulator runs.
  const latestYears = Math.max(18, Math.min(35, 2024 - person.dob.year));
  const issued = addDays(addYears(person.dob, rng.int(18, latestYears)), rng.int(0, 300));
  const place = person.address.place;
  fields
    .add("dl_number", `${place.rtoCode}${rng.digits(2)} ${issued.year}${rng.digits(7)}`, "id")
    .add("name", upper(fullName(person)), "text")
    .add("date_of_birth", formatDate(person.dob), "date")
    .add("issue_date", formatDate(issued), "date")
    .add("valid_till", formatDate(addDays(addYears(issued, 20), -1)), "date")
    .add("state", place.state, "text");
  return () => fields.plant("date_of_birth", impossibleDate(person.dob.year), "date does not exist");
};

export const buildVoterId: DocumentBuilder = ({ fields, rng, cast: { person } }) => {
  fields
    .add("voter_id", `${rng.letters(3)}${rng.digits(7)}`, "id")
    .add("name", fullName(person), "text")
    .add("date_of_birth", formatDate(person.dob), "date")
    .add("gender", person.gender === "MALE" ? "Male" : "Female", "text");
  return () => fields.plant("date_of_birth", impossibleDate(person.dob.year), "date does not exist");
};

export const buildPassport: DocumentBuilder = ({ fields, rng, cast: { person } }) => {
  const issued = makeDate(rng, 2016, 2024);
  const birthPlace = person.address.place.city;
  fields
    .add("passport_number", `${rng.letters(1, "ABCDEFGHJKLMNPRSTUVWY")}${rng.digits(7)}`, "id")
    .add("name", upper(fullName(person)), "text")
    .add("date_of_birth", formatDate(person.dob), "date")
    .add("place_of_birth", upper(birthPlace), "text")
    .add("gender", person.gender === "MALE" ? "M" : "F", "text")
    .add("date_of_issue", formatDate(issued), "date")
    .add("date_of_expiry", formatDate(addDays(addYears(issued, 10), -1)), "date")
    .add(
      "place_of_issue",
      upper(rng.pick(["Mumbai", "Pune", "Bengaluru", "Chennai", "Delhi", "Kolkata"])),
      "text",
    );
  return () => fields.plant("date_of_expiry", impossibleDate(issued.year + 10), "date does not exist");
};

/**
 * Looks like an S3 pre-signed URL, as Atlas's redact_url does. A placeholder of the pure generator:
 * the simulator's results carry instead a live signed link to the masked copy it serves
 * (masked.ts, set when the upload is stored).
 */
function fakeRedactUrl(rng: Rng): string {
  const key = rng.letters(24, "0123456789abcdef");
  return (
    `https://atlas-redacted.s3.ap-south-1.amazonaws.com/redacted/${key}.jpg` +
    `?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600` +
    `&X-Amz-Signature=${rng.letters(64, "0123456789abcdef")}`
  );
}
