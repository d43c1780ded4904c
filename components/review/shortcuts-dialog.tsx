"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { SHORTCUTS } from "@/lib/review/keys";

/** The `?` overlay: every key of the workspace, from the same table the handler uses. */
export function ShortcutsDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-950/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[min(28rem,92vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg border border-slate-200 bg-white p-5 shadow-xl dark:border-slate-700 dark:bg-slate-900">
          <Dialog.Title className="text-base font-semibold">Keyboard shortcuts</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            A whole review works without a mouse. Esc closes this.
          </Dialog.Description>
          <table className="mt-4 w-full text-sm">
            <tbody>
              {SHORTCUTS.map((s) => (
                <tr key={s.command}>
                  <td className="py-1 pr-4 whitespace-nowrap">
                    {s.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 ? <span className="mx-1 text-slate-400">or</span> : null}
                        <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">
                          {k}
                        </kbd>
                      </span>
                    ))}
                  </td>
                  <td className="py-1">{s.label}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Dialog.Close className="mt-4 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
            Close
          </Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
