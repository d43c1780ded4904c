export { validateAadhaar, validateVid } from "./aadhaar";
export { validateIfsc, validatePincode } from "./bank-and-postal";
export { crossFieldChecks, type CrossFieldFinding } from "./cross-field";
export {
  compareDates,
  parseIndianDate,
  todayInIndia,
  validateDate,
  validateDateOfBirth,
  validatePastDate,
  type CalendarDate,
  type DateOfBirthOptions,
} from "./dates";
export { gstinHolder, isGstStateCode, panInGstin, validateGstin, type GstinHolder } from "./gstin";
export { PAN_HOLDER_TYPES, isMaskedPan, normalisePan, validatePan } from "./pan";
export {
  FIELD_RULES,
  ruleFor,
  validateDocument,
  type DocumentValidation,
  type ValidateOptions,
} from "./registry";
export {
  isBlocking,
  type CheckId,
  type Severity,
  type ValidationFailure,
  type ValidationMasked,
  type ValidationPass,
  type ValidationResult,
} from "./types";
