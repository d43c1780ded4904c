import Link from "next/link";
import { ActivityTracker } from "@/components/shell/activity-tracker";
import { NavLinks, type NavItem } from "@/components/shell/nav-links";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { signOutAction } from "@/app/(auth)/sign-in/actions";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { Badge } from "@/components/ui/badge";
import { requirePageUser } from "@/lib/auth/current-user";
import { getEnv } from "@/lib/env";
import { can, type Permission, ROLE_LABEL } from "@/lib/roles";

const NAV: (NavItem & { permission: Permission })[] = [
  { href: "/batches", label: "Batches", permission: "batches:view" },
  { href: "/review", label: "Review", permission: "documents:review" },
  { href: "/applications", label: "Applications", permission: "applications:view" },
  { href: "/qa", label: "QA", permission: "qa:use" },
  { href: "/admin", label: "Admin", permission: "users:manage" },
];

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  const items = NAV.filter((item) => can(user.role, item.permission)).map(({ href, label }) => ({
    href,
    label,
  }));
  const env = getEnv();
  const demo = env.demoMode;
  return (
    <div className="flex min-h-screen flex-col">
      <ActivityTracker idleMinutes={env.SESSION_IDLE_MINUTES} />
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm dark:focus:bg-slate-900"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
            <span
              aria-hidden
              className="grid size-7 place-items-center rounded-md bg-indigo-600 text-sm text-white"
            >
              A
            </span>
            Atlas Review
          </Link>
          <nav aria-label="Main" className="flex-1">
            <NavLinks items={items} />
          </nav>
          <div className="flex items-center gap-3">
            {demo ? (
              <Badge tone="warning" title="No real Atlas is configured: the built-in simulator answers">
                Demo mode
              </Badge>
            ) : null}
            <ThemeToggle />
            <Link
              href="/account"
              title="Your account (change your password)"
              className="text-right text-xs leading-tight hover:underline"
              data-testid="current-user"
            >
              <span className="block font-medium">{user.name}</span>
              <span className="block text-slate-500 dark:text-slate-400">{ROLE_LABEL[user.role]}</span>
            </Link>
            <SignOutButton action={signOutAction} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-8 has-[[data-wide]]:max-w-[100rem]">
        {children}
      </main>
    </div>
  );
}
