import { availableParallelism } from "node:os";
import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's baseline.
// Each hash holds that memory and a core for tens of milliseconds, so only a few
// run at once; the rest wait their turn instead of exhausting memory under a flood.
const MAX_CONCURRENT = Math.max(1, Math.min(4, availableParallelism()));
// Waiting costs little, but a queue without end only turns a flood into timeouts.
const MAX_WAITING = 64;

let running = 0;
const waiting: (() => void)[] = [];

export class PasswordHasherBusy extends Error {
  constructor() {
    super("Too many password checks are waiting; try again shortly.");
    this.name = "PasswordHasherBusy";
  }
}

async function bounded<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) {
    if (waiting.length >= MAX_WAITING) throw new PasswordHasherBusy();
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running++;
  }
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next waiter, so `running` never overshoots.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** How many hashes run and wait right now (for tests and diagnostics). */
export function hashingLoad(): { running: number; waiting: number; limit: number } {
  return { running, waiting: waiting.length, limit: MAX_CONCURRENT };
}

export function hashPassword(password: string): Promise<string> {
  return bounded(() => hash(password));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return bounded(async () => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  });
}
