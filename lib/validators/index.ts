// The validators' entry point for the rest of the app; the single checks are imported from their
// own modules (./aadhaar, ./pan …) where one is needed alone.
export { validateDocument } from "./registry";
export type { ValidationResult } from "./types";
