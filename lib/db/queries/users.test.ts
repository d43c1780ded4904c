import { describe, expect, it } from "vitest";
import { testDrivers, useTestDatabase } from "../test-utils";
import { listAudit, SYSTEM_ACTOR } from "./audit";
import {
  createUser,
  EmailTakenError,
  endSessions,
  findUserByEmail,
  getUserById,
  listUsers,
  markSignedIn,
  setUserActive,
  setUserPassword,
  updateUserRole,
} from "./users";

describe.each(testDrivers)("users on %s", (driver) => {
  const t = useTestDatabase(driver);
  const admin = { actorUserId: null, actorEmail: "admin@example.com", ip: "10.0.0.1" };

  it("creates a user with a normalised email, found by any casing", async () => {
    const user = await createUser(
      t.db,
      { email: "  Asha.Rao@Example.COM ", name: " Asha Rao ", role: "reviewer", passwordHash: "hash-1" },
      admin,
    );
    expect(user).toMatchObject({
      email: "asha.rao@example.com",
      name: "Asha Rao",
      role: "reviewer",
      active: true,
    });
    expect(user.lastSignInAt).toBeNull();
    expect((await findUserByEmail(t.db, "ASHA.RAO@example.com"))?.id).toBe(user.id);
    expect((await getUserById(t.db, user.id))?.email).toBe("asha.rao@example.com");
  });

  it("refuses a second user with the same email, whatever its casing", async () => {
    await createUser(t.db, { email: "dup@example.com", name: "A", role: "qa", passwordHash: "h" }, admin);
    await expect(
      createUser(t.db, { email: "DUP@example.com", name: "B", role: "qa", passwordHash: "h" }, admin),
    ).rejects.toBeInstanceOf(EmailTakenError);
  });

  it("returns undefined for unknown ids and emails, including ids that are not UUIDs", async () => {
    expect(await getUserById(t.db, "00000000-0000-4000-8000-000000000000")).toBeUndefined();
    expect(await getUserById(t.db, "not-a-uuid")).toBeUndefined();
    expect(await findUserByEmail(t.db, "nobody@example.com")).toBeUndefined();
    expect(await updateUserRole(t.db, "not-a-uuid", "admin", admin)).toBeUndefined();
  });

  it("changes role, active flag and password, auditing each change without the hash", async () => {
    const user = await createUser(
      t.db,
      { email: "change@example.com", name: "Change Me", role: "reviewer", passwordHash: "old-hash" },
      SYSTEM_ACTOR,
    );
    expect((await updateUserRole(t.db, user.id, "admin", admin))?.role).toBe("admin");
    expect((await setUserActive(t.db, user.id, false, admin))?.active).toBe(false);
    expect((await setUserPassword(t.db, user.id, "new-hash", admin))?.passwordHash).toBe("new-hash");

    const { events } = await listAudit(t.db, { limit: 50, offset: 0 });
    const trail = events.filter((e) => e.targetId === user.id).reverse();
    expect(trail.map((e) => e.action)).toEqual([
      "user.create",
      "user.role_change",
      "user.deactivate",
      "user.password_set",
    ]);
    expect(trail[1]).toMatchObject({
      actorEmail: "admin@example.com",
      ip: "10.0.0.1",
      before: { role: "reviewer" },
      after: { role: "admin" },
    });
    expect(JSON.stringify(trail)).not.toContain("hash");
  });

  it("moves the session version on every role, activity or password change and on sign-out", async () => {
    const user = await createUser(
      t.db,
      { email: "sessions@example.com", name: "S", role: "reviewer", passwordHash: "h" },
      SYSTEM_ACTOR,
    );
    expect(user.sessionVersion).toBe(0);
    expect((await updateUserRole(t.db, user.id, "qa", admin))?.sessionVersion).toBe(1);
    expect((await setUserActive(t.db, user.id, false, admin))?.sessionVersion).toBe(2);
    expect((await setUserActive(t.db, user.id, true, admin))?.sessionVersion).toBe(3);
    expect((await setUserPassword(t.db, user.id, "h2", admin))?.sessionVersion).toBe(4);
    expect(await endSessions(t.db, user.id)).toBe(5);
    await markSignedIn(t.db, user.id);
    expect((await getUserById(t.db, user.id))?.sessionVersion).toBe(5);
    expect(await endSessions(t.db, "not-a-uuid")).toBeUndefined();
  });

  it("records the last sign-in and lists users by email", async () => {
    const user = await createUser(
      t.db,
      { email: "aaa-first@example.com", name: "First", role: "qa", passwordHash: "h" },
      SYSTEM_ACTOR,
    );
    const at = new Date("2030-05-01T10:00:00Z");
    await markSignedIn(t.db, user.id, at);
    expect((await getUserById(t.db, user.id))?.lastSignInAt).toEqual(at);
    const emails = (await listUsers(t.db)).map((u) => u.email);
    expect(emails[0]).toBe("aaa-first@example.com");
    expect(emails).toEqual([...emails].sort());
  });
});
