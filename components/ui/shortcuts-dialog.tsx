"use client";

import { keyLabel, type KeyMap } from "@/lib/keys/keymap";
import { Button } from "./button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle } from "./dialog";
import { Kbd } from "./kbd";

/** The `?` overlay of a workspace: every key, from the same table its handler reads. */
export function ShortcutsDialog<Command extends string>({
  open,
  onOpenChange,
  keymap,
  description,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  keymap: KeyMap<Command>;
  description: React.ReactNode;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogTitle>Keyboard shortcuts</DialogTitle>
        <DialogDescription>{description}</DialogDescription>
        <table className="mt-4 w-full text-sm">
          <tbody>
            {keymap.map((s) => (
              <tr key={s.command}>
                <td className="whitespace-nowrap py-1 pr-4 align-top">
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 ? <span className="mx-1 text-slate-500 dark:text-slate-400">or</span> : null}
                      <Kbd>{keyLabel(k)}</Kbd>
                    </span>
                  ))}
                </td>
                <td className="py-1">{s.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <DialogClose asChild>
          <Button variant="secondary" className="mt-4">
            Close
          </Button>
        </DialogClose>
      </DialogContent>
    </Dialog>
  );
}
