"use client";

import { useRouter } from "next/navigation";
import { ActionForm, formText } from "@/components/forms/action-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { changeOwnPasswordAction } from "./actions";

export function ChangePasswordForm() {
  const router = useRouter();
  return (
    <ActionForm
      aria-label="Change password"
      className="max-w-sm space-y-3"
      messageRole="alert"
      submit={(data) =>
        changeOwnPasswordAction({
          currentPassword: formText(data, "currentPassword"),
          newPassword: formText(data, "newPassword"),
        })
      }
      // Every session of the account has ended, this one too: sign in with the new password.
      onSuccess={() => router.replace("/sign-in")}
    >
      {({ pending, fieldError, message }) => (
        <>
          <Input
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            error={fieldError("currentPassword")}
          />
          <Input
            label="New password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            error={fieldError("newPassword")}
          />
          {message}
          <Button type="submit" disabled={pending}>
            Change password
          </Button>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            Changing it signs you out everywhere, this browser included.
          </p>
        </>
      )}
    </ActionForm>
  );
}
