// Progress on stderr: a bar redrawn in place on a terminal, a plain line every
// ten seconds otherwise (CI logs, pipes).
export type ProgressState = { posted: number; refused: number; target: number; period: string; phase: string; elapsedMs: number };

const WIDTH = 28;

export function progressReporter(stream: NodeJS.WriteStream = process.stderr): { update: (state: ProgressState) => void; done: () => void } {
  let lastPlain = 0;
  let drawn = false;
  const line = (s: ProgressState) => {
    const rate = s.posted / Math.max(0.001, s.elapsedMs / 1000);
    const share = Math.min(1, s.posted / Math.max(1, s.target));
    const eta = rate > 0 && s.posted < s.target ? duration(((s.target - s.posted) / rate) * 1000) : "—";
    const bar = "█".repeat(Math.round(share * WIDTH)).padEnd(WIDTH, "░");
    return `${bar} ${s.posted.toLocaleString("en-US")}/${s.target.toLocaleString("en-US")} events · ${Math.round(rate)}/s · ${s.period} ${s.phase} · ${s.refused.toLocaleString("en-US")} refused · ETA ${eta}`;
  };
  return {
    update: (state) => {
      if (stream.isTTY) {
        stream.write(`\r${line(state).slice(0, (stream.columns ?? 120) - 1)}\x1b[K`);
        drawn = true;
      } else if (state.elapsedMs - lastPlain >= 10_000) {
        lastPlain = state.elapsedMs;
        stream.write(`[simulate] ${line(state)}\n`);
      }
    },
    done: () => {
      if (drawn) stream.write("\n");
    },
  };
}

export function duration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h ? `${h}h${String(m).padStart(2, "0")}m` : m ? `${m}m${String(s).padStart(2, "0")}s` : `${s}s`;
}
