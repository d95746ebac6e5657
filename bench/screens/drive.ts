// Drives the screens: `users` signed-in users at once, each a role, each opening
// one of its role's screens after another for `seconds`, the next one drawn at
// random (each equally likely) so every screen gets its share however slow the
// others are (a fixed order starves the later screens under saturation). A user
// reads each answer for a think time (uniform between half and one and a half
// times `thinkMs`; 0 sends the next request at once, which measures a saturated
// server rather than users). A request's time is from sending it to the last
// byte of the answer, on 127.0.0.1: the server's time plus loopback.
import http from "node:http";
import type { Role } from "../../lib/domain/roles.ts";
import { SCREENS, type Data, type Picker, type Screen } from "./screens.ts";

export type ScreenFigure = { screen: Screen; samples: number[]; errors: number; firstError?: string };
/** One request, for the list of the slowest: when it started (ms into the run), how long it took, what it asked for. */
export type Request = { at: number; ms: number; path: string };

/**
 * One GET. A kept-alive connection that the server closed for idleness just as the
 * request left on it is reset; as browsers do, the request is sent once more on a
 * new connection (it never reached the server). Any other failure counts.
 */
function get(agent: http.Agent, port: number, path: string, headers: Record<string, string>, retried = false): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, agent, method: "GET", path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      response.on("error", reject);
    });
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (!retried && request.reusedSocket && error.code === "ECONNRESET") resolve(get(agent, port, path, headers, true));
      else reject(error);
    });
    request.end();
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function headersFor(screen: Screen, cookie: string): Record<string, string> {
  const accept = { html: "text/html", rsc: "text/x-component", json: "application/json", csv: "text/csv" }[screen.kind];
  return { cookie, accept, ...(screen.kind === "rsc" ? { rsc: "1" } : {}) };
}

/**
 * An RSC request carries `_rsc`, the hash of its router headers, or Next answers
 * with a redirect to the URL that does; with no router headers the hash is empty.
 */
function pathFor(screen: Screen, pick: Picker): string {
  const path = screen.path(pick);
  return screen.kind === "rsc" ? `${path}${path.includes("?") ? "&" : "?"}_rsc=` : path;
}

function picker(data: Data, seed: number): Picker {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
  const of = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  return { sku: () => of(data.skus), period: () => of(data.periods), userId: () => of(data.userIds), page: (max) => 1 + Math.floor(next() * max), fraction: next, data };
}

export async function drive(options: {
  port: number;
  users: number;
  seconds: number;
  sessions: Map<Role, string>;
  data: Data;
  thinkMs: number;
  only?: RegExp;
}): Promise<{ figures: ScreenFigure[]; requests: Request[] }> {
  const screens = SCREENS.filter((screen) => !options.only || options.only.test(screen.name));
  const figures = new Map(screens.map((screen) => [screen, { screen, samples: [] as number[], errors: 0 } as ScreenFigure]));
  const roles = [...options.sessions.keys()].filter((role) => screens.some((screen) => screen.roles.includes(role)));
  if (!roles.length) return { figures: [], requests: [] };
  const requests: Request[] = [];
  const began = Date.now();
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.users });
  const deadline = Date.now() + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.users }, async (_, user) => {
      const role = roles[user % roles.length];
      const cookie = options.sessions.get(role)!;
      const pick = picker(options.data, 2_654_435_761 * (user + 1));
      const mine = screens.filter((screen) => screen.roles.includes(role));
      // Users arrive spread over one pause, as people do, not all in the same millisecond.
      if (options.thinkMs > 0) await pause(options.thinkMs * 1.5 * pick.fraction());
      while (Date.now() < deadline) {
        const screen = mine[Math.floor(pick.fraction() * mine.length)];
        const figure = figures.get(screen)!;
        const path = pathFor(screen, pick);
        const at = Date.now() - began;
        const started = process.hrtime.bigint();
        try {
          const { status, body } = await get(agent, options.port, path, headersFor(screen, cookie));
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          requests.push({ at, ms, path });
          // Only whole answers count: an error page is fast and would flatter the figures.
          if (status === (screen.answers ?? 200)) figure.samples.push(ms);
          else {
            figure.errors++;
            figure.firstError ??= `${status} ${path} ${body.slice(0, 200).replace(/\s+/g, " ")}`;
          }
        } catch (error) {
          figure.errors++;
          figure.firstError ??= `${path}: ${error instanceof Error ? error.message : String(error)}`;
        }
        if (options.thinkMs > 0) await pause(options.thinkMs * (0.5 + pick.fraction()));
      }
    }),
  );
  agent.destroy();
  return { figures: [...figures.values()], requests };
}

/** One request per screen and role before the clock starts: the server's first render of a route is not what users wait for. */
export async function warm(options: { port: number; sessions: Map<Role, string>; data: Data; only?: RegExp }): Promise<void> {
  const agent = new http.Agent({ keepAlive: true });
  const pick = picker(options.data, 1);
  for (const screen of SCREENS.filter((s) => !options.only || options.only.test(s.name))) {
    for (const role of screen.roles) {
      const cookie = options.sessions.get(role);
      if (cookie) await get(agent, options.port, pathFor(screen, pick), headersFor(screen, cookie));
    }
  }
  agent.destroy();
}

export function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN;
}

/** The table the bench prints; a p95 at or over the budget is marked. */
export function table(figures: ScreenFigure[], budgetMs: number): string {
  const rows = figures.map((figure) => {
    const sorted = [...figure.samples].sort((a, b) => a - b);
    return { figure, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted.at(-1) ?? NaN };
  });
  const width = Math.max(6, ...rows.map((row) => row.figure.screen.name.length + row.figure.screen.kind.length + 3));
  const ms = (value: number) => (Number.isNaN(value) ? "–" : value.toFixed(0)).padStart(6);
  const lines = [`${"screen".padEnd(width)}  ${"requests".padStart(8)}  ${"p50".padStart(6)}  ${"p95".padStart(6)}  ${"max".padStart(6)}  ok/errors`];
  for (const { figure, p50, p95, max } of rows) {
    const label = `${figure.screen.name} (${figure.screen.kind})`;
    const slow = !(p95 < budgetMs);
    lines.push(
      `${label.padEnd(width)}  ${String(figure.samples.length + figure.errors).padStart(8)}  ${ms(p50)}  ${ms(p95)}  ${ms(max)}  ${figure.samples.length}/${figure.errors}${slow ? `   ◀ p95 ≥ ${budgetMs} ms` : ""}`,
    );
  }
  return lines.join("\n");
}

/** The slowest requests in start order, each with the number of requests in flight when it started: a cluster is a stall of the server, a lone one a slow screen. */
export function slowest(requests: Request[], count: number): string {
  const picked = [...requests].sort((a, b) => b.ms - a.ms).slice(0, count).sort((a, b) => a.at - b.at);
  const inFlight = (at: number) => requests.filter((r) => r.at <= at && at < r.at + r.ms).length;
  return [`${"at s".padStart(7)}  ${"ms".padStart(6)}  ${"in flight".padStart(9)}  request`,
    ...picked.map((r) => `${(r.at / 1000).toFixed(1).padStart(7)}  ${r.ms.toFixed(0).padStart(6)}  ${String(inFlight(r.at)).padStart(9)}  ${r.path}`)].join("\n");
}
