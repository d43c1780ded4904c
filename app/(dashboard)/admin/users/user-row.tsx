"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { ROLE_LABEL, ROLES, type Role } from "@/lib/roles";
import { changeRoleAction, resetPasswordAction, setActiveAction } from "./actions";

export type UserView = {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  lastSignInAt: string | null;
};

const subtle =
  "rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800";

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
