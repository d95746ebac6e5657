// Signs a demo user in over HTTP the way a browser without JavaScript does: GET
// /login, then POST its form (the server action's hidden fields, email, password)
// and keep the session cookie the answer sets.
import { DEMO_PASSWORD } from "../../prisma/demo-users.ts";

export async function signIn(port: number, email: string): Promise<string> {
  const base = `http://127.0.0.1:${port}`;
  const page = await fetch(`${base}/login`, { redirect: "manual" });
  const html = await page.text();
  const form = new FormData();
  // Next renders a server action's form with hidden inputs naming the action ($ACTION_…).
  for (const match of html.matchAll(/<input[^>]*>/g)) {
    const tag = match[0];
    const name = /name="([^"]*)"/.exec(tag)?.[1];
    if (!name || !/type="hidden"/.test(tag)) continue;
    form.append(name.replaceAll("&amp;", "&"), (/value="([^"]*)"/.exec(tag)?.[1] ?? "").replaceAll("&amp;", "&").replaceAll("&quot;", '"'));
  }
  if (![...form.keys()].some((key) => key.startsWith("$ACTION"))) throw new Error("the login page has no server action form");
  form.append("email", email);
  form.append("password", DEMO_PASSWORD);
  const answer = await fetch(`${base}/login`, { method: "POST", body: form, redirect: "manual", headers: { origin: base } });
  await answer.arrayBuffer();
  const cookies = answer.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
  const session = cookies.find((cookie) => /session-token=/.test(cookie));
  if (!session) throw new Error(`sign-in of ${email} set no session cookie (HTTP ${answer.status})`);
  // The cookie must open a page: a redirect to /login would mean it was not accepted.
  const check = await fetch(`${base}/profile`, { headers: { cookie: session }, redirect: "manual" });
  await check.arrayBuffer();
  if (check.status !== 200) throw new Error(`the session cookie of ${email} does not open /profile (HTTP ${check.status})`);
  return session;
}
