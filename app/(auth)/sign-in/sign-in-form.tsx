"use client";

import { useState, useTransition } from "react";
import { signInAction } from "./actions";

type DemoAccount = { email: string; password: string; label: string; description: string };

const input =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-900";

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
        <div>
          <label htmlFor="email" className="text-sm font-medium">
            Email
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            className={input}
          />
        </div>
        <div>
          <label htmlFor="password" className="text-sm font-medium">
            Password
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            className={input}
          />
        </div>
        {error ? (
          <p
            data-testid="sign-in-error"
            role="status"
            className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
          >
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
        >
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {demoAccounts.length > 0 ? (
        <section
          aria-labelledby="demo-heading"
          className="mt-8 rounded-lg border border-amber-200 bg-amber-50 p-4 dark:border-amber-900 dark:bg-amber-950/40"
        >
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
                <button
                  type="button"
                  onClick={() => fill(a)}
                  className="shrink-0 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
                >
                  Sign in as {a.label}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
