"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { useFormatter } from "@/components/format-provider";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { Td } from "@/components/ui/table";
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

export function UserRow({ user, isMe }: { user: UserView; isMe: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [resetting, setResetting] = useState(false);
  const format = useFormatter();

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
      className={user.active ? "" : "text-slate-500 dark:text-slate-400"}
      data-testid={`user-row-${user.email}`}
    >
      <Td className="font-medium">
        {user.name}
        {isMe ? <span className="ml-2 text-xs text-slate-500">(you)</span> : null}
      </Td>
      <Td>{user.email}</Td>
      <Td>
        <Select
          id={`role-${user.id}`}
          label={`Role of ${user.email}`}
          labelClassName="sr-only"
          density="xs"
          className="mt-0"
          value={user.role}
          disabled={pending}
          onChange={(e) => {
            const role = e.target.value as Role;
            run(`${user.email} is now ${ROLE_LABEL[role]}`, () =>
              changeRoleAction({ userId: user.id, role }),
            );
          }}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </Select>
      </Td>
      <Td>
        <span className="mr-2">{user.active ? "Active" : "Deactivated"}</span>
        {!isMe ? (
          <Button
            variant="secondary"
            size="sm"
            disabled={pending}
            onClick={() =>
              run(`${user.email} ${user.active ? "deactivated" : "reactivated"}`, () =>
                setActiveAction({ userId: user.id, active: !user.active }),
              )
            }
          >
            {user.active ? `Deactivate ${user.email}` : `Reactivate ${user.email}`}
          </Button>
        ) : null}
      </Td>
      <Td className="text-xs">{user.lastSignInAt ? format.dateTime(user.lastSignInAt) : "never"}</Td>
      <Td>
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
            <Input
              id={`pw-${user.id}`}
              label={`New password for ${user.email}`}
              labelClassName="sr-only"
              name="password"
              type="password"
              autoComplete="new-password"
              density="xs"
              className="mt-0 w-36"
            />
            <Button type="submit" variant="secondary" size="sm" disabled={pending}>
              Save
            </Button>
            <Button variant="secondary" size="sm" onClick={() => setResetting(false)}>
              Cancel
            </Button>
          </form>
        ) : (
          <Button variant="secondary" size="sm" onClick={() => setResetting(true)}>
            Reset password
          </Button>
        )}
      </Td>
    </tr>
  );
}
