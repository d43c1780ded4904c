"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { changeOwnPasswordAction } from "./actions";

const field =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";

export function ChangePasswordForm() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);

  function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    start(async () => {
      const result = await changeOwnPasswordAction({
        currentPassword: String(data.get("currentPassword") ?? ""),
        newPassword: String(data.get("newPassword") ?? ""),
      });
      if (result.ok) {
        // Every session of the account has ended, this one too: sign in with the new password.
        router.replace("/sign-in");
        return;
      }
      setErrors(result.error.fieldErrors ?? {});
      setMessage(result.error.message);
    });
  }

  return (
    <form
      aria-label="Change password"
      className="max-w-sm space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        submit(e.currentTarget);
      }}
    >
      <label className="block text-sm font-medium">
        Current password
        <input name="currentPassword" type="password" autoComplete="current-password" className={field} />
      </label>
      {errors.currentPassword?.map((e) => (
        <p key={e} className="text-xs text-red-700 dark:text-red-400">
          {e}
        </p>
      ))}
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
      {errors.newPassword?.map((e) => (
        <p key={e} className="text-xs text-red-700 dark:text-red-400">
          {e}
        </p>
      ))}
      {message ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {message}
        </p>
      ) : null}
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
    </form>
  );
}
