import "server-only";

/**
 * A CSV download streamed chunk by chunk. The first chunk is read before
 * answering, so a refusal (an unknown SKU, say) still rejects here and can be
 * answered as an error rather than as a broken file.
 */
export async function csvDownload(lines: AsyncGenerator<string>, fileName: string): Promise<Response> {
  const first = await lines.next();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    },
  });
}
