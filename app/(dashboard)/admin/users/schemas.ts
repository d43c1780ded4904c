import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { ROLES } from "@/lib/roles";
import { uuidSchema } from "@/lib/ids";

const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(200, "Use at most 200 characters.");

export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  name: z.string().trim().min(1, "Enter the person's name.").max(120),
  role: z.enum(ROLES, { message: "Choose a role." }),
  password,
});

export const userIdSchema = uuidSchema("Unknown user.");
export const changeRoleSchema = z.object({
  userId: userIdSchema,
  role: z.enum(ROLES, { message: "Choose a role." }),
});
export const setActiveSchema = z.object({ userId: userIdSchema, active: z.boolean() });
export const resetPasswordSchema = z.object({ userId: userIdSchema, password });
