import { makeDate, type SimDate } from "./identifiers";
import {
  BUILDINGS,
  BUSINESS_NAMES,
  CONSTITUTIONS,
  DEALERS,
  FEMALE_NAMES,
  LANDMARKS,
  MALE_NAMES,
  MIDDLE_NAMES,
  PLACES,
  PRODUCTS,
  STREETS,
  SURNAMES,
  type Place,
} from "./india";
import type { Rng } from "./random";

export interface Address {
  line1: string;
  line2: string;
  locality: string;
  place: Place;
  pin: string;
}

export interface Person {
  first: string;
  middle?: string;
  surname: string;
  gender: "MALE" | "FEMALE";
  fatherFirst: string;
  dob: SimDate;
  address: Address;
}

export interface Dealer {
  name: string;
  shopNo: number;
  building: string;
  street: string;
  locality: string;
  place: Place;
  pin: string;
}

export interface Business {
  name: string;
  constitution: (typeof CONSTITUTIONS)[number];
  address: Address;
  incorporated: SimDate;
}

export type Product = (typeof PRODUCTS)[number];

/** The cast of one case: documents that share a case id describe the same people. */
export interface Cast {
  person: Person;
  dealer: Dealer;
  business: Business;
  product: Product;
}

function makePin(rng: Rng, place: Place): string {
  return `${place.pinPrefix}0${rng.digits(2)}`;
}

export function makeAddress(rng: Rng, place = rng.pick(PLACES)): Address {
  const locality = rng.pick(place.localities);
  const line1 = rng.pick([
    () => `Flat ${rng.int(1, 12)}0${rng.int(1, 8)}, ${rng.pick(BUILDINGS)}`,
    () => `H.No ${rng.int(1, 40)}-${rng.int(1, 300)}`,
    () => `Plot ${rng.int(1, 220)}, Sector ${rng.int(1, 30)}`,
    () => `${rng.int(1, 9)}-CH-${rng.int(10, 99)}`,
  ])();
  const line2 = `Near ${rng.pick(LANDMARKS)}, ${rng.pick(STREETS)}`;
  return { line1, line2, locality, place, pin: makePin(rng, place) };
}

export function makePerson(rng: Rng): Person {
  const gender = rng.chance(0.55) ? "MALE" : "FEMALE";
  return {
    first: rng.pick(gender === "MALE" ? MALE_NAMES : FEMALE_NAMES),
    middle: rng.chance(0.5) ? rng.pick(MIDDLE_NAMES) : undefined,
    surname: rng.pick(SURNAMES),
    gender,
    fatherFirst: rng.pick(MALE_NAMES),
    dob: makeDate(rng, 1962, 2003),
    address: makeAddress(rng),
  };
}

export function makeDealer(rng: Rng, place: Place): Dealer {
  return {
    name: rng.pick(DEALERS),
    shopNo: rng.int(1, 60),
    building: rng.pick(BUILDINGS),
    street: rng.pick(STREETS),
    locality: rng.pick(place.localities),
    place,
    pin: makePin(rng, place),
  };
}

export function makeCast(rng: Rng): Cast {
  const person = makePerson(rng.fork("person"));
  const businessRng = rng.fork("business");
  return {
    person,
    dealer: makeDealer(rng.fork("dealer"), person.address.place),
    business: {
      name: businessRng.pick(BUSINESS_NAMES),
      constitution: businessRng.pick(CONSTITUTIONS),
      address: makeAddress(businessRng),
      incorporated: makeDate(businessRng, 2012, 2023),
    },
    product: rng.fork("product").pick(PRODUCTS),
  };
}

export const fullName = (p: Person) => [p.first, p.middle, p.surname].filter(Boolean).join(" ");
export const fatherName = (p: Person) => `${p.fatherFirst} ${p.surname}`;
export const upper = (s: string) => s.toUpperCase();

/** "4-CH-64, Near Community Hall, Station Road, Kothrud, PUNE, Maharashtra, 411038" */
export function addressLine(a: Address): string {
  return `${a.line1}, ${a.line2}, ${a.locality}, ${upper(a.place.city)}, ${a.place.state}, ${a.pin}`;
}

export function formattedAddress(a: Address): Record<string, string> {
  return {
    address_line_1: a.line1,
    address_line_2: `${a.line2}, ${a.locality}`,
    city: a.place.city,
    state: a.place.state,
    postcode: a.pin,
  };
}

/** How an invoice prints the dealer: "Shop No 4, Lotus Towers, M.G. Road, Kothrud, Pune - 411038". */
export function dealerAddressOnInvoice(d: Dealer): string {
  const street = d.street.replace(/^MG Road$/, "M.G. Road");
  return `Shop No ${d.shopNo}, ${d.building}, ${street}, ${d.locality}, ${d.place.city} - ${d.pin}`;
}

/** How a lender's delivery order prints it: terse and upper case, same facts. */
export function dealerAddressOnDeliveryOrder(d: Dealer): string {
  return upper(`Shop ${d.shopNo}, ${d.building}, ${d.street}, ${d.locality}, ${d.place.city} ${d.pin}`);
}
