import "server-only";
import { ROLE_LABEL } from "@/lib/domain/roles";
import { DEMO_PASSWORD, DEMO_USERS } from "@/prisma/demo-users";

export type DemoAccount = { email: string; role: string };
export type DemoSignIns = { password: string; accounts: DemoAccount[] };

/**
 * Only what the hint box shows crosses to the browser: ids and API tokens in
 * the demo fixtures stay on the server. The shared password is printed because
 * a demo hint that cannot be used is no hint.
 */
export function demoSignIns(): DemoSignIns {
  return {
    password: DEMO_PASSWORD,
    accounts: DEMO_USERS.map((user) => ({ email: user.email, role: ROLE_LABEL[user.role] })),
  };
}
