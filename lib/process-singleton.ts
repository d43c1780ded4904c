/**
 * One value per server process, whatever the number of copies of the calling module: Next may
 * load a module once per bundle or route, and module-level state would then exist several times
 * (two batch engines, two Atlas token caches). The value lives on `globalThis` under a
 * `Symbol.for` key, so every copy finds the same one; it is created on first use, never at
 * import time (the build imports server modules too).
 */
type Holder = Record<symbol, unknown>;

const keyOf = (name: string) => Symbol.for(`atlas-review.${name}`);

export function processSingleton<T>(name: string, create: () => T): T {
  const holder = globalThis as unknown as Holder;
  const key = keyOf(name);
  if (!(key in holder)) holder[key] = create();
  return holder[key] as T;
}

/** Forgets the value (tests, or after the environment changed); the next call creates a new one. */
export function forgetProcessSingleton(name: string): void {
  delete (globalThis as unknown as Holder)[keyOf(name)];
}

/** The value when it was created, without creating it (e.g. a hook that may not be installed). */
export function peekProcessSingleton<T>(name: string): T | undefined {
  return (globalThis as unknown as Holder)[keyOf(name)] as T | undefined;
}
