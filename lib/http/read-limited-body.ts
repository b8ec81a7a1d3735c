// A body's exact bytes, read no further than a limit: Plaid's webhooks are small, and a rate file has a
// known size, so anything larger is refused before it is buffered whole. A request's or a response's.
import "server-only";

class TooLarge extends Error {}

/** The body's bytes, or null once it passes `limit` bytes (declared or actually sent). */
export async function readLimitedBody(
  request: Pick<Request, "headers" | "body">,
  limit: number,
): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) return null;
  let size = 0;
  // The count stops the stream mid-way: a sender who lies about (or omits) its length is cut off.
  const counted = request.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > limit) controller.error(new TooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  try {
    return new Uint8Array(await new Response(counted ?? null).arrayBuffer());
  } catch (error) {
    if (error instanceof TooLarge) return null;
    throw error;
  }
}
