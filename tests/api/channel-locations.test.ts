// Which locations serve a sales channel: PUT /api/v1/channels/{channel}/locations
// and the admin screen's server action, one transaction with its audit entry each.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ledgerFixture, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { demoUser } from "../../prisma/demo-users.ts";
import type { Role } from "../../lib/domain/roles.ts";

const acting = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string; role: Role } }));
vi.mock("@/lib/server/session", () => ({ currentUser: async () => acting.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

function actAs(role: Role) {
  const user = demoUser(role);
  acting.user = { id: user.id, email: user.email, name: user.name, role: user.role };
}

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
});
afterAll(() => f?.drop());

type Entry = { actor_id: string; action: string; target_label: string; before: unknown; after: unknown };

async function servedBy(channel: string): Promise<string[]> {
  const rows = await f.query<{ code: string }>(
    `SELECT l.code FROM channel_location cl JOIN channel c ON c.id = cl.channel_id JOIN location l ON l.id = cl.location_id WHERE c.code = $1 ORDER BY l.code`,
    channel,
  );
  return rows.map((row) => row.code);
}

async function auditCount(): Promise<number> {
  return (await f.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'channel.locations'"))[0].n;
}

describe("PUT /api/v1/channels/{channel}/locations", () => {
  it("replaces the channel's locations and records before and after", async () => {
    const first = await f.call("admin", "PUT", "/api/v1/channels/wholesale/locations", { locations: ["wh-west", "WH-EAST", "WH-EAST"] });
    expect(first).toMatchObject({ status: 200, body: { channel: "wholesale", locations: ["WH-EAST", "WH-WEST"] } });
    expect(await servedBy("wholesale")).toEqual(["WH-EAST", "WH-WEST"]);

    const second = await f.call("admin", "PUT", "/api/v1/channels/wholesale/locations", { locations: ["WH-WEST"] });
    expect(second).toMatchObject({ status: 200, body: { locations: ["WH-WEST"] } });
    expect(await servedBy("wholesale")).toEqual(["WH-WEST"]);

    const [entry] = await f.query<Entry>(
      "SELECT actor_id::text, action, target_label, before, after FROM audit_log WHERE action = 'channel.locations' ORDER BY id DESC LIMIT 1",
    );
    expect(entry).toEqual({
      actor_id: demoUser("admin").id,
      action: "channel.locations",
      target_label: "wholesale",
      before: { locations: ["WH-EAST", "WH-WEST"] },
      after: { locations: ["WH-WEST"] },
    });
    expect(await f.call("sales", "GET", "/api/v1/channels/wholesale/locations")).toMatchObject({ status: 200, body: { locations: ["WH-WEST"] } });
  });

  it("an empty list means every location: the rows go, the answer says so", async () => {
    await f.call("admin", "PUT", "/api/v1/channels/marketplace/locations", { locations: ["STORE"] });
    const cleared = await f.call("admin", "PUT", "/api/v1/channels/marketplace/locations", { locations: [] });
    expect(cleared).toMatchObject({ status: 200, body: { channel: "marketplace", locations: [] } });
    expect(await servedBy("marketplace")).toEqual([]);
  });

  it("an unchanged mapping writes nothing, not even an audit entry", async () => {
    await f.call("admin", "PUT", "/api/v1/channels/web/locations", { locations: ["WH-EAST"] });
    const before = await auditCount();
    expect((await f.call("admin", "PUT", "/api/v1/channels/web/locations", { locations: ["WH-EAST"] })).status).toBe(200);
    expect(await auditCount()).toBe(before);
  });

  it.each([
    ["a role without catalogue.write", "sales", "web", { locations: ["WH-EAST"] }, 403, "forbidden"],
    ["no token", null, "web", { locations: ["WH-EAST"] }, 401, "unauthenticated"],
    ["an unknown channel", "admin", "telex", { locations: ["WH-EAST"] }, 404, "unknown_channel"],
    ["an unknown location", "admin", "web", { locations: ["WH-EAST", "WH-MOON"] }, 404, "unknown_location"],
    ["locations that are not a list", "admin", "web", { locations: "WH-EAST" }, 400, "invalid_input"],
    ["an extra field", "admin", "web", { locations: [], all: true }, 400, "invalid_input"],
  ] as const)("refuses %s and changes nothing", async (_name, who, channel, body, status, code) => {
    const [mapping, audits] = [await servedBy("web"), await auditCount()];
    const answer = await f.call(who, "PUT", `/api/v1/channels/${channel}/locations`, body);
    expect(answer).toMatchObject({ status, body: { code } });
    expect(await servedBy("web")).toEqual(mapping);
    expect(await auditCount()).toBe(audits);
  });

  it("concurrent saves for one channel apply one after the other", async () => {
    const answers = await Promise.all(
      [["WH-EAST"], ["WH-WEST"], ["STORE"], ["WH-EAST", "STORE"]].map((locations) => f.call("admin", "PUT", "/api/v1/channels/wholesale/locations", { locations })),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    const rows = await servedBy("wholesale");
    expect(answers.map((answer) => answer.body.locations)).toContainEqual(rows);
  });
});

describe("setChannelLocationsAction (the admin screen)", () => {
  it("saves for an admin and refuses anyone else, writing nothing", async () => {
    const { setChannelLocationsAction } = await import("../../app/actions/channel-actions.ts");
    actAs("admin");
    expect(await setChannelLocationsAction({ channel: "web", locations: ["WH-WEST", "STORE"] })).toEqual({
      ok: true,
      data: { channel: "web", name: "Web", locations: ["STORE", "WH-WEST"] },
    });
    expect(await servedBy("web")).toEqual(["STORE", "WH-WEST"]);

    actAs("warehouse");
    expect(await setChannelLocationsAction({ channel: "web", locations: [] })).toMatchObject({ ok: false, code: "forbidden" });
    actAs("admin");
    expect(await setChannelLocationsAction({ channel: "web", locations: ["NOWHERE"] })).toMatchObject({
      ok: false,
      code: "unknown_location",
      fields: { locations: [expect.stringContaining("NOWHERE")] },
    });
    expect(await servedBy("web")).toEqual(["STORE", "WH-WEST"]);
  });
});
