// A small HTTP load generator for the bench: `clients` keep-alive connections to
// 127.0.0.1, each sending its next request as soon as the previous one answered,
// for `seconds`. node:http rather than fetch: the generator shares the cores with
// the server it measures, so it should cost as little as it can.
import http from "node:http";

export type Request = { method: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string };
export type LoadResult = { perSecond: number; done: number; statuses: Record<number, number>; p50: number; p95: number };

function send(agent: http.Agent, port: number, request: Request): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const body = request.body === undefined ? undefined : Buffer.from(request.body);
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        agent,
        method: request.method,
        path: request.path,
        headers: { ...request.headers, ...(body ? { "content-type": "application/json", "content-length": String(body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Runs the load; `next(client, i)` gives client `client`'s i-th request. Answers
 * outside `expect` are counted, and the first one is kept to explain a failed run.
 */
export async function load(options: {
  port: number;
  clients: number;
  seconds: number;
  next: (client: number, i: number) => Request;
  expect: number[];
}): Promise<LoadResult & { unexpected?: string }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients });
  const statuses: Record<number, number> = {};
  const latencies: number[] = [];
  let unexpected: string | undefined;
  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const t = process.hrtime.bigint();
        const { status, body } = await send(agent, options.port, options.next(client, i));
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (!options.expect.includes(status)) unexpected ??= `${status} ${body.slice(0, 300)}`;
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { perSecond: latencies.length / elapsed, done: latencies.length, statuses, p50: at(0.5), p95: at(0.95), unexpected };
}
