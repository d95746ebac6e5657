// Transfers in flight, as the lead reads them: overdue ones first (most overdue
// first), then the oldest.
export type InFlight = { ref: string; sku: string; from: string; to: string; qty: number; shippedAt: string; eta: string | null };

export function isOverdue(transfer: Pick<InFlight, "eta">, now: Date): boolean {
  return transfer.eta !== null && new Date(transfer.eta).getTime() < now.getTime();
}

export function sortInFlight<T extends InFlight>(transfers: readonly T[], now: Date): T[] {
  return [...transfers].sort((a, b) => {
    const [late, lateB] = [isOverdue(a, now), isOverdue(b, now)];
    if (late !== lateB) return late ? -1 : 1;
    if (late) return new Date(a.eta!).getTime() - new Date(b.eta!).getTime();
    return new Date(a.shippedAt).getTime() - new Date(b.shippedAt).getTime() || a.ref.localeCompare(b.ref);
  });
}

/** A transfer id the lead can read back over the phone: TR-yymmdd-XXXX. */
export function newTransferRef(now: Date, random: () => number = Math.random): string {
  const day = now.toISOString().slice(2, 10).replaceAll("-", "");
  const tail = Array.from({ length: 4 }, () => "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"[Math.floor(random() * 32)]).join("");
  return `TR-${day}-${tail}`;
}
