import Link from "next/link";
import { NavLinks, type NavItem } from "@/components/shell/nav-links";
import { ThemeToggle } from "@/components/shell/theme-toggle";

const NAV: NavItem[] = [
  { href: "/batches", label: "Batches" },
  { href: "/review", label: "Review" },
  { href: "/applications", label: "Applications" },
  { href: "/qa", label: "QA" },
  { href: "/admin", label: "Admin" },
];

export default function DashboardLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
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
            <NavLinks items={NAV} />
          </nav>
          <div className="flex items-center gap-3">
            <ThemeToggle />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-8">
        {children}
      </main>
    </div>
  );
}
