"use client";

import { useEffect, useRef } from "react";
import { commandIn, isControlActivation, isTypingTarget, type KeyMap } from "@/lib/keys/keymap";

/**
 * Runs a screen's key map: one window keydown listener that finds the command for a key and hands
 * it to `onCommand` (always the latest one). Keys typed into a box, Enter/Space on a focused
 * control, and every key while `paused` (a dialog or an inline editor is open) are left alone.
 */
export function useKeyMap<Command extends string>(
  keymap: KeyMap<Command>,
  onCommand: (command: Command) => void,
  paused: boolean,
) {
  const latest = useRef({ onCommand, paused });
  useEffect(() => {
    latest.current = { onCommand, paused };
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (latest.current.paused || event.defaultPrevented) return;
      if (isTypingTarget(event.target) || isControlActivation(event)) return;
      const command = commandIn(keymap, event);
      if (!command) return;
      event.preventDefault();
      latest.current.onCommand(command);
    };
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, [keymap]);
}
