"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ActionForm, formText } from "@/components/forms/action-form";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { ROLE_LABEL, ROLES, type Role } from "@/lib/roles";
import { createUserAction } from "./actions";

export function CreateUserForm() {
  const router = useRouter();
  return (
    <Card asChild>
      <ActionForm
        aria-labelledby="create-user-heading"
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
        {({ pending, fieldError, message }) => (
          <>
            <CardTitle id="create-user-heading">Create a user</CardTitle>
            <div className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
              <Input label="Name" name="name" error={fieldError("name")} />
              <Input label="Email" name="email" type="email" error={fieldError("email")} />
              <Select label="Role" name="role" defaultValue="reviewer">
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABEL[r]}
                  </option>
                ))}
              </Select>
              <Input
                label="Initial password"
                name="password"
                type="password"
                autoComplete="new-password"
                error={fieldError("password")}
              />
            </div>
            {message ? <div className="mt-3">{message}</div> : null}
            <Button type="submit" disabled={pending} className="mt-4">
              {pending ? "Creating…" : "Create user"}
            </Button>
          </>
        )}
      </ActionForm>
    </Card>
  );
}
