// Demo users and their API tokens. Fixed ids and values so the seed, the e2e
// tests and scripts agree; the seed refuses to run in production.
import type { Role } from "../lib/domain/roles.ts";

export type DemoUser = { id: string; email: string; name: string; role: Role; password: string; token: string };

export const DEMO_PASSWORD = "concord-demo";

function user(n: number, role: Role, second: boolean, name: string): DemoUser {
  const suffix = second ? "2" : "";
  return {
    id: `00000000-0000-4000-8000-0000000000${String(n).padStart(2, "0")}`,
    email: `${role}${suffix}@concord.test`,
    name,
    role,
    password: DEMO_PASSWORD,
    token: `concord_demo_${role}${second ? "_2" : ""}`,
  };
}

export const DEMO_USERS: readonly DemoUser[] = [
  user(1, "sales", false, "Sara Lind"),
  user(2, "sales", true, "Sol Ortega"),
  user(3, "warehouse", false, "Wes Okafor"),
  user(4, "warehouse", true, "Wren Park"),
  user(5, "finance", false, "Farah Quinn"),
  user(6, "finance", true, "Felix Berg"),
  user(7, "admin", false, "Ada Stone"),
  user(8, "admin", true, "Abe Morales"),
];

export function demoUser(role: Role, second = false): DemoUser {
  const found = DEMO_USERS.find((u) => u.role === role && u.token.endsWith("_2") === second);
  if (!found) throw new Error(`no demo user for ${role}`);
  return found;
}
