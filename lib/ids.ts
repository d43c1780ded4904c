import { z } from "zod";

/**
 * Our row ids are PostgreSQL uuids. Anything else in a route param or a query string is not a row
 * of ours: checking first turns it into "not found" instead of a database error. Client-safe.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID.test(value);

/** The same check as a zod schema, for action inputs and search params. */
export const uuidSchema = (message = "Invalid UUID") => z.string().regex(UUID, message);
