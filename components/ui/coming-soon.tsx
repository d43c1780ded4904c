export function ComingSoon({ what }: { what: string }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center dark:border-slate-700 dark:bg-slate-900">
      <p className="text-base font-medium">Coming soon</p>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{what}</p>
    </div>
  );
}
