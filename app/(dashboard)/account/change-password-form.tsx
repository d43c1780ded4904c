"use client";

import { useRouter } from "next/navigation";
import { ActionForm, formText } from "@/components/forms/action-form";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { changeOwnPasswordAction } from "./actions";

const field =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";

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
          <label className="block text-sm font-medium">
            Current password
            <input name="currentPassword" type="password" autoComplete="current-password" className={field} />
          </label>
          {fieldError("currentPassword") ? (
            <p className="text-xs text-red-700 dark:text-red-400">{fieldError("currentPassword")}</p>
          ) : null}
          <label className="block text-sm font-medium">
            New password
            <input
              name="newPassword"
              type="password"
              autoComplete="new-password"
              minLength={MIN_PASSWORD_LENGTH}
              className={field}
            />
          </label>
          {fieldError("newPassword") ? (
            <p className="text-xs text-red-700 dark:text-red-400">{fieldError("newPassword")}</p>
          ) : null}
          {message}
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
          >
            Change password
          </button>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            Changing it signs you out everywhere, this browser included.
          </p>
        </>
      )}
    </ActionForm>
  );
}
