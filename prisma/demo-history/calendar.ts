// Business time for the demo history: a task queue ordered by time, and the
// warehouse's shifts (Monday to Saturday but Thanksgiving, 13:00–23:00 UTC, i.e. US business hours).
import type { Random } from "./random.ts";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const SHIFT_START_HOUR = 13;
const SHIFT_END_HOUR = 23;

export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(ms: number): number {
  return new Date(ms).getUTCDay();
}

/** US Thanksgiving, the fourth Thursday of November: the warehouses are closed. */
function isThanksgiving(ms: number): boolean {
  const date = new Date(ms);
  return date.getUTCMonth() === 10 && date.getUTCDay() === 4 && date.getUTCDate() >= 22 && date.getUTCDate() <= 28;
}

export function isWorkday(ms: number): boolean {
  return weekday(ms) !== 0 && !isThanksgiving(ms);
}

/** The same instant if it falls in a shift; else the next shift's start plus a little jitter. */
export function inShift(ms: number, rng: Random): number {
  const day = startOfDay(ms);
  const hour = (ms - day) / HOUR;
  if (isWorkday(day) && hour >= SHIFT_START_HOUR && hour < SHIFT_END_HOUR) return ms;
  let next = hour < SHIFT_START_HOUR ? day : day + DAY;
  while (!isWorkday(next)) next += DAY;
  return next + SHIFT_START_HOUR * HOUR + rng.int(0, 120) * MINUTE;
}

/** A random moment within the day's shift. */
export function duringShift(day: number, rng: Random, fromHour = SHIFT_START_HOUR, toHour = SHIFT_END_HOUR): number {
  return day + fromHour * HOUR + Math.floor(rng.next() * (toHour - fromHour) * HOUR);
}

/** A date `days` ahead at 15:00 UTC (ETAs are dates with a nominal time). */
export function dateAhead(ms: number, days: number): number {
  return startOfDay(ms) + days * DAY + 15 * HOUR;
}

type Task = { at: number; order: number; label: string; run: (at: number) => Promise<unknown> };

/** A min-heap of tasks by time; ties keep their insertion order, so runs are deterministic. */
export class Agenda {
  private heap: Task[] = [];
  private counter = 0;

  get size(): number {
    return this.heap.length;
  }

  at(at: number, label: string, run: (at: number) => Promise<unknown>): void {
    this.heap.push({ at, order: this.counter++, label, run });
    this.up(this.heap.length - 1);
  }

  peek(): Task | undefined {
    return this.heap[0];
  }

  pop(): Task | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (this.heap.length && last) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  /** Tasks still waiting, by label: what the history leaves for the future. */
  pending(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const task of this.heap) counts.set(task.label, (counts.get(task.label) ?? 0) + 1);
    return counts;
  }

  private less(a: Task, b: Task): boolean {
    return a.at < b.at || (a.at === b.at && a.order < b.order);
  }

  private up(index: number) {
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.less(this.heap[index], this.heap[parent])) return;
      [this.heap[index], this.heap[parent]] = [this.heap[parent], this.heap[index]];
      index = parent;
    }
  }

  private down(index: number) {
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let smallest = index;
      if (left < this.heap.length && this.less(this.heap[left], this.heap[smallest])) smallest = left;
      if (right < this.heap.length && this.less(this.heap[right], this.heap[smallest])) smallest = right;
      if (smallest === index) return;
      [this.heap[index], this.heap[smallest]] = [this.heap[smallest], this.heap[index]];
      index = smallest;
    }
  }
}
