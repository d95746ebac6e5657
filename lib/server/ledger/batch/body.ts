import "server-only";
import { DomainError } from "@/lib/domain/errors";

/**
 * A batch's body is read up to 4 MiB, 4 KiB an event on average: several times what
 * 1,000 real events take, and a bound on what one request can make the server hold.
 */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

export class BatchTooLarge extends Error {
  constructor() {
    super(`The batch body is larger than ${MAX_BATCH_BYTES / 1024 / 1024} MiB; send fewer or smaller events per batch.`);
    this.name = "BatchTooLarge";
  }
}

/** The request with its body read, refused past MAX_BATCH_BYTES without reading further. */
export async function boundedRequest(request: Request): Promise<Request> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BATCH_BYTES) throw new BatchTooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read().catch(() => {
      // A client that went away mid-body: nothing was read, so nothing is applied.
      throw new DomainError("invalid_input", "The request body could not be read to its end (the connection closed); nothing was applied.");
    });
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BATCH_BYTES) {
      await reader.cancel();
      throw new BatchTooLarge();
    }
    chunks.push(value);
  }
  return new Request(request.url, { method: request.method, headers: request.headers, body: Buffer.concat(chunks) });
}
