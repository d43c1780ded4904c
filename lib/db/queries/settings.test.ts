import { describe, expect, it } from "vitest";
import { testDrivers, useTestDatabase } from "../test-utils";
import { listAudit } from "./audit";
import { getSetting, getSettings, setSetting } from "./settings";

describe.each(testDrivers)("settings on %s", (driver) => {
  const t = useTestDatabase(driver);
  const actor = { actorUserId: null, actorEmail: "admin@example.com" };

  it("is undefined until set, then returns the stored JSON", async () => {
    expect(await getSetting(t.db, "review.default_threshold")).toBeUndefined();
    await setSetting(t.db, "review.default_threshold", 0.9, actor);
    expect((await getSetting(t.db, "review.default_threshold"))?.value).toBe(0.9);
    expect((await getSettings(t.db)).map((s) => s.key)).toEqual(["review.default_threshold"]);
  });

  it("audits each change with before and after, and skips saves that change nothing", async () => {
    await setSetting(t.db, "qa.pass_mark", { min: 0.8, blind: true }, actor);
    await setSetting(t.db, "qa.pass_mark", { blind: true, min: 0.8 }, actor); // same value
    await setSetting(t.db, "qa.pass_mark", { min: 0.7, blind: true }, actor);

    const { events } = await listAudit(t.db, { action: "setting.update", limit: 50, offset: 0 });
    const trail = events.filter((e) => e.targetId === "qa.pass_mark").reverse();
    expect(trail).toHaveLength(2);
    expect(trail[0]).toMatchObject({ before: null, after: { min: 0.8, blind: true } });
    expect(trail[1]).toMatchObject({
      actorEmail: "admin@example.com",
      before: { min: 0.8, blind: true },
      after: { min: 0.7, blind: true },
    });
  });
});
