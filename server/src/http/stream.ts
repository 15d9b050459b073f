/**
 * A response streamed from a (synchronous) iterator of chunks: the next chunk
 * is made only when the client has taken the last one, so memory stays flat.
 */
export function streamResponse(chunks: Iterable<string | Uint8Array>, headers: Record<string, string>): Response {
  const it = chunks[Symbol.iterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        try {
          const next = it.next();
          if (next.done) controller.close();
          else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value);
        } catch (err) {
          console.error('export failed mid-stream:', err);
          controller.error(err);
        }
      },
      cancel() {
        it.return?.();
      },
    },
    { highWaterMark: 1 },
  );
  return new Response(body, { status: 200, headers });
}
