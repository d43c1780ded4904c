"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ActionForm, formText } from "@/components/forms/action-form";
import { ROLE_LABEL, ROLES, type Role } from "@/lib/roles";
import { createUserAction } from "./actions";

const field =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";

export function CreateUserForm() {
  const router = useRouter();
  return (
    <ActionForm
      aria-labelledby="create-user-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      noValidate
      messageRole="status"
      submit={(data) =>
        createUserAction({
          email: formText(data, "email"),
          name: formText(data, "name"),
          role: formText(data, "role") as Role,
          password: formText(data, "password"),
        })
      }
      onSuccess={(_, form) => {
        toast.success(`Created ${formText(new FormData(form), "email")}`);
        form.reset();
        router.refresh();
      }}
    >
      {({ pending, fieldError, message }) => {
        const err = (name: string) =>
          fieldError(name) ? (
            <p id={`${name}-error`} className="mt-1 text-xs text-red-700 dark:text-red-300">
              {fieldError(name)}
            </p>
          ) : null;
        return (
          <>
            <h2 id="create-user-heading" className="text-base font-semibold">
              Create a user
            </h2>
            <div className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
              <label className="text-sm font-medium">
                Name
                <input
                  name="name"
                  className={field}
                  aria-invalid={!!fieldError("name")}
                  aria-describedby="name-error"
                />
                {err("name")}
              </label>
              <label className="text-sm font-medium">
                Email
                <input
                  name="email"
                  type="email"
                  className={field}
                  aria-invalid={!!fieldError("email")}
                  aria-describedby="email-error"
                />
                {err("email")}
              </label>
              <label className="text-sm font-medium">
                Role
                <select name="role" defaultValue="reviewer" className={field}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABEL[r]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="text-sm font-medium">
                Initial password
                <input
                  name="password"
                  type="password"
                  autoComplete="new-password"
                  className={field}
                  aria-invalid={!!fieldError("password")}
                  aria-describedby="password-error"
                />
                {err("password")}
              </label>
            </div>
            {message ? <div className="mt-3">{message}</div> : null}
            <button
              type="submit"
              disabled={pending}
              className="mt-4 rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
            >
              {pending ? "Creating…" : "Create user"}
            </button>
          </>
        );
      }}
    </ActionForm>
  );
}
