"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { ROLE_LABEL, ROLES, type Role } from "@/lib/roles";
import { changeRoleAction, createUserAction, resetPasswordAction, setActiveAction } from "./actions";

type UserView = {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  lastSignInAt: string | null;
};

const field =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";
const button =
  "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60";
const subtle =
  "rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800";

export function CreateUserForm() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);

  function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    start(async () => {
      const result = await createUserAction({
        email: String(data.get("email") ?? ""),
        name: String(data.get("name") ?? ""),
        role: String(data.get("role") ?? "") as Role,
        password: String(data.get("password") ?? ""),
      });
      if (result.ok) {
        toast.success(`Created ${String(data.get("email"))}`);
        form.reset();
        setErrors({});
        setMessage(null);
        router.refresh();
      } else {
        setErrors(result.error.fieldErrors ?? {});
        setMessage(result.error.message);
      }
    });
  }

  const err = (name: string) =>
    errors[name]?.[0] ? (
      <p id={`${name}-error`} className="mt-1 text-xs text-red-700 dark:text-red-300">
        {errors[name]?.[0]}
      </p>
    ) : null;

  return (
    <form
      aria-labelledby="create-user-heading"
      onSubmit={(e) => {
        e.preventDefault();
        submit(e.currentTarget);
      }}
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      noValidate
    >
      <h2 id="create-user-heading" className="text-base font-semibold">
        Create a user
      </h2>
      <div className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <label className="text-sm font-medium">
          Name
          <input name="name" className={field} aria-invalid={!!errors.name} aria-describedby="name-error" />
          {err("name")}
        </label>
        <label className="text-sm font-medium">
          Email
          <input
            name="email"
            type="email"
            className={field}
            aria-invalid={!!errors.email}
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
            aria-invalid={!!errors.password}
            aria-describedby="password-error"
          />
          {err("password")}
        </label>
      </div>
      {message && !Object.keys(errors).length ? (
        <p role="status" className="mt-3 text-sm text-red-700 dark:text-red-300">
          {message}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={`${button} mt-4`}>
        {pending ? "Creating…" : "Create user"}
      </button>
    </form>
  );
}

export function UserRow({ user, isMe }: { user: UserView; isMe: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [resetting, setResetting] = useState(false);

  function run(label: string, action: () => Promise<{ ok: boolean; error?: { message: string } }>) {
    start(async () => {
      const result = await action();
      if (result.ok) {
        toast.success(label);
        router.refresh();
      } else {
        toast.error(result.error?.message ?? "That did not work.");
        router.refresh();
      }
    });
  }

  return (
    <tr
      className={user.active ? "" : "text-slate-400 dark:text-slate-500"}
      data-testid={`user-row-${user.email}`}
    >
      <td className="px-4 py-2 font-medium">
        {user.name}
        {isMe ? <span className="ml-2 text-xs text-slate-500">(you)</span> : null}
      </td>
      <td className="px-4 py-2">{user.email}</td>
      <td className="px-4 py-2">
        <label className="sr-only" htmlFor={`role-${user.id}`}>
          Role of {user.email}
        </label>
        <select
          id={`role-${user.id}`}
          value={user.role}
          disabled={pending}
          onChange={(e) => {
            const role = e.target.value as Role;
            run(`${user.email} is now ${ROLE_LABEL[role]}`, () =>
              changeRoleAction({ userId: user.id, role }),
            );
          }}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </select>
      </td>
      <td className="px-4 py-2">
        <span className="mr-2">{user.active ? "Active" : "Deactivated"}</span>
        {!isMe ? (
          <button
            type="button"
            disabled={pending}
            className={subtle}
            onClick={() =>
              run(`${user.email} ${user.active ? "deactivated" : "reactivated"}`, () =>
                setActiveAction({ userId: user.id, active: !user.active }),
              )
            }
          >
            {user.active ? `Deactivate ${user.email}` : `Reactivate ${user.email}`}
          </button>
        ) : null}
      </td>
      <td className="px-4 py-2 text-xs">
        {user.lastSignInAt ? new Date(user.lastSignInAt).toLocaleString() : "never"}
      </td>
      <td className="px-4 py-2">
        {resetting ? (
          <form
            className="flex items-center gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              const password = String(new FormData(e.currentTarget).get("password") ?? "");
              run(`Password reset for ${user.email}`, async () => {
                const result = await resetPasswordAction({ userId: user.id, password });
                if (result.ok) setResetting(false);
                return result;
              });
            }}
          >
            <label className="sr-only" htmlFor={`pw-${user.id}`}>
              New password for {user.email}
            </label>
            <input
              id={`pw-${user.id}`}
              name="password"
              type="password"
              autoComplete="new-password"
              className="w-36 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
            />
            <button type="submit" disabled={pending} className={subtle}>
              Save
            </button>
            <button type="button" className={subtle} onClick={() => setResetting(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <button type="button" className={subtle} onClick={() => setResetting(true)}>
            Reset password
          </button>
        )}
      </td>
    </tr>
  );
}
