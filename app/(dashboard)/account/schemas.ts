import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(1024),
    newPassword: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
      .max(200, "Use at most 200 characters."),
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    message: "Choose a password different from the current one.",
    path: ["newPassword"],
  });
