"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { signInAction } from "./actions";

type DemoAccount = { email: string; password: string; label: string; description: string };

export function SignInForm({
  callbackUrl,
  demoAccounts,
}: {
  callbackUrl?: string;
  demoAccounts: DemoAccount[];
}) {
  // Controlled email, so that a failed attempt keeps what the person typed.
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  function submit(credentials: { email: string; password: string }) {
    start(async () => {
      const result = await signInAction({ ...credentials, callbackUrl });
      // Success redirects; only failures come back.
      if (!result.ok) {
        setError(result.error.message);
        setPassword("");
      }
    });
  }

  function fill(account: DemoAccount) {
    setEmail(account.email);
    setPassword(account.password);
    submit(account);
  }

  return (
    <>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit({ email, password });
        }}
        className="mt-6 space-y-4"
        noValidate
      >
        <Input
          id="email"
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          // The page is for signing in: the first thing to do is type the email.
          autoFocus
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          className="py-2 shadow-sm"
        />
        <Input
          id="password"
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          className="py-2 shadow-sm"
        />
        {error ? (
          <Alert tone="error" role="status" data-testid="sign-in-error">
            {error}
          </Alert>
        ) : null}
        <Button type="submit" size="lg" disabled={pending} className="w-full">
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {demoAccounts.length > 0 ? (
        <Card
          asChild
          className="mt-8 border-amber-200 bg-amber-50 dark:border-amber-900 dark:bg-amber-950/40"
        >
          <section aria-labelledby="demo-heading">
            <h2 id="demo-heading" className="text-sm font-semibold">
              Demo accounts
            </h2>
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
              This dashboard runs in demo mode against the built-in Atlas simulator. Sign in as:
            </p>
            <ul className="mt-3 space-y-2">
              {demoAccounts.map((a) => (
                <li key={a.email} className="flex items-start justify-between gap-3 text-sm">
                  <div>
                    <div className="font-medium">{a.label}</div>
                    <div className="font-mono text-xs">
                      {a.email} / {a.password}
                    </div>
                    <div className="text-xs text-slate-600 dark:text-slate-400">{a.description}</div>
                  </div>
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => fill(a)}
                    className="shrink-0 bg-white dark:bg-slate-900"
                  >
                    Sign in as {a.label}
                  </Button>
                </li>
              ))}
            </ul>
          </section>
        </Card>
      ) : null}
    </>
  );
}
