/** Client-safe: the form and the server share the rule. */
export const MIN_PASSWORD_LENGTH = 10;
