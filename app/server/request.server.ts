/**
 * The part of a fetch `Request` the server helpers read. A real `Request` (Remix) satisfies it, and
 * so does the autosave's direct path (scripts/lib/direct-action.ts), which answers from Node's own
 * request without building an undici `Request` (~0.2 ms each on this machine, as much as the save).
 */
export interface RequestHead {
  method: string;
  url: string;
  headers: { get(name: string): string | null };
}

/** A request with its body: read once, whole (`arrayBuffer`) or as a stream when no length was declared. */
export interface RequestWithBody extends RequestHead {
  body: ReadableStream<Uint8Array> | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}
