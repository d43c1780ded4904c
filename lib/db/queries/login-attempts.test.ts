import { describe, expect, it } from "vitest";
import { testDrivers, useTestDatabase } from "../test-utils";
import {
  accountKey,
  clearFailures,
  lockoutSecondsRemaining,
  pruneLoginAttempts,
  refundAttempt,
  reserveAttempt,
} from "./login-attempts";

const policy = { maxFailures: 3, windowSeconds: 600, lockSeconds: 60 };
const at = (seconds: number) => new Date(Date.UTC(2030, 0, 1, 12, 0, 0) + seconds * 1000);

describe.each(testDrivers)("login attempts on %s", (driver) => {
  const t = useTestDatabase(driver);

  it("locks a key after N failures and counts the seconds down", async () => {
    const key = accountKey("Locked@Example.com");
    expect(key).toBe("account:locked@example.com");
    expect(await reserveAttempt(t.db, key, policy, at(0))).toMatchObject({
      failures: 1,
      lockedForSeconds: 0,
    });
    expect((await reserveAttempt(t.db, key, policy, at(1))).lockedUntil).toBeUndefined();
    const third = await reserveAttempt(t.db, key, policy, at(2));
    expect(third).toMatchObject({ failures: 3, lockedUntil: at(62), lockedForSeconds: 60 });

    expect(await lockoutSecondsRemaining(t.db, key, at(2))).toBe(60);
    expect(await lockoutSecondsRemaining(t.db, key, at(31.5))).toBe(31);
    expect(await lockoutSecondsRemaining(t.db, key, at(62))).toBe(0);
    expect(await lockoutSecondsRemaining(t.db, "ip:192.0.2.1", at(2))).toBe(0);
  });

  it("locks again on a further failure in the same window, but starts afresh after it", async () => {
    const key = "ip:198.51.100.7";
    for (const s of [0, 1, 2]) await reserveAttempt(t.db, key, policy, at(s));
    expect((await reserveAttempt(t.db, key, policy, at(100))).lockedUntil).toEqual(at(160));
    const fresh = await reserveAttempt(t.db, key, policy, at(700));
    expect(fresh).toMatchObject({ admitted: true, failures: 1, lockedForSeconds: 0 });
  });

  it("admits attempts up to the limit and refuses, without a password check, those made while locked", async () => {
    const key = "account:admit@example.com";
    const admitted = [];
    for (const s of [0, 1, 2, 3, 4]) admitted.push((await reserveAttempt(t.db, key, policy, at(s))).admitted);
    // The third attempt is still checked (and locks); the fourth and fifth find the key locked.
    expect(admitted).toEqual([true, true, true, false, false]);
    // A refused attempt does not extend the lock; the first attempt after it is admitted again.
    expect(await lockoutSecondsRemaining(t.db, key, at(4))).toBe(58);
    const after = await reserveAttempt(t.db, key, policy, at(62));
    expect(after).toMatchObject({ admitted: true, lockedUntil: at(122) });
  });

  it("under concurrency admits exactly the limit and counts every attempt", async () => {
    const key = "account:parallel@example.com";
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () => reserveAttempt(t.db, key, policy, at(0))),
    );
    expect(outcomes.filter((o) => o.admitted)).toHaveLength(policy.maxFailures);
    expect(outcomes.map((o) => o.failures).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect((await reserveAttempt(t.db, key, policy, at(1))).admitted).toBe(false);
  });

  it("gives a successful attempt's slot back, lifting only the lock that attempt set", async () => {
    const key = "ip:203.0.113.9";
    await reserveAttempt(t.db, key, policy, at(0));
    await reserveAttempt(t.db, key, policy, at(1));
    // The third attempt reaches the limit and locks; it turns out to be a success.
    const third = await reserveAttempt(t.db, key, policy, at(2));
    expect(third).toMatchObject({ lockedForSeconds: 60, lockedByThis: true });
    await refundAttempt(t.db, key, third);
    expect(await lockoutSecondsRemaining(t.db, key, at(3))).toBe(0);

    // A wrong password locks (no refund); a success admitted once that lock ran out re-locks
    // on its way in, and its refund lifts that lock again: a shared address is not punished.
    expect((await reserveAttempt(t.db, key, policy, at(4))).lockedByThis).toBe(true);
    const refused = await reserveAttempt(t.db, key, policy, at(5));
    expect(refused).toMatchObject({ admitted: false, lockedByThis: false });
    await refundAttempt(t.db, key, refused);
    expect(await lockoutSecondsRemaining(t.db, key, at(6))).toBe(58);
    const later = await reserveAttempt(t.db, key, policy, at(70));
    expect(later).toMatchObject({ admitted: true, lockedByThis: true });
    await refundAttempt(t.db, key, later);
    expect(await lockoutSecondsRemaining(t.db, key, at(71))).toBe(0);
  });

  it("forgets a key when cleared, and prunes keys untouched for long", async () => {
    const key = "account:cleared@example.com";
    for (const s of [0, 1, 2]) await reserveAttempt(t.db, key, policy, at(s));
    await clearFailures(t.db, key);
    expect(await lockoutSecondsRemaining(t.db, key, at(3))).toBe(0);
    expect((await reserveAttempt(t.db, key, policy, at(4))).failures).toBe(1);

    await reserveAttempt(t.db, "ip:old", policy, new Date("2001-01-01T00:00:00Z"));
    expect(await pruneLoginAttempts(t.db, new Date("2002-01-01T00:00:00Z"))).toBeGreaterThanOrEqual(1);
    expect(await lockoutSecondsRemaining(t.db, "ip:old", at(0))).toBe(0);
  });
});
