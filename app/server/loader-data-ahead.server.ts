import type { EntryContext } from "@remix-run/node";

type StreamCache = NonNullable<NonNullable<EntryContext["renderMeta"]>["streamCache"]>;

/**
 * Reads the page's loader data (single fetch's turbo-stream) to the end before React renders, and
 * hands it to Remix's <StreamTransfer> as already read. Otherwise StreamTransfer suspends on each
 * chunk it reads, and each suspension resumes the render in a later turn of the event loop, where
 * other requests' work runs first; read up front, the document renders in one turn. The stream is
 * teed: should a Remix version ignore the cache, StreamTransfer still reads the untouched copy.
 */
export async function readLoaderDataAhead(context: EntryContext): Promise<void> {
  const stream = context.serverHandoffStream;
  const meta = context.renderMeta;
  if (!stream || !meta || meta.streamCache) return;
  const [ahead, untouched] = stream.tee();
  context.serverHandoffStream = untouched;
  const reader = ahead.getReader();
  const decoder = new TextDecoder();
  let value = "";
  let entry: StreamCache[number];
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      value += decoder.decode(chunk.value, { stream: true });
    }
    value += decoder.decode();
    entry = Object.assign(Promise.resolve(), { result: { done: true, value } });
  } catch (error) {
    // as StreamTransfer does with a stream that fails (the data timed out): the render reports it
    entry = Object.assign(Promise.resolve(), { error });
  }
  meta.streamCache = { 0: entry };
}
