import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-amber-800 dark:text-amber-300">403</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Not available to your role</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        Your account can’t open this page. If you need it, ask an administrator to change your role.
      </p>
      <Link
        href="/"
        className="mt-6 rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700"
      >
        Back to the dashboard
      </Link>
    </main>
  );
}
