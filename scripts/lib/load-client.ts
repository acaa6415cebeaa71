/**
 * The load generator's HTTP client for `bench:load`: node:http with one kept-alive connection per
 * simulated person (as a browser tab keeps one), cookies set once, and bodies counted rather than
 * decoded (a compressed page is only decompressed to quote an error). fetch (undici) plus brotli
 * decoding of every page cost the generator more CPU than the pages cost the server, on the same
 * two cores, which made the generator itself part of what it measured.
 */
import http from "node:http";
import zlib from "node:zlib";

export interface LightAnswer {
  status: number;
  bytes: number;
  /** the body as text: only when asked for (saves) or for a non-2xx answer */
  text: string | null;
}

export class LightClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly base: URL;
  private readonly cookie: string;
  constructor(
    base: string,
    private readonly session: { token: string | null; csrf: string },
  ) {
    this.base = new URL(base);
    this.cookie = `archpanel_session=${session.token ?? ""}; archpanel_csrf=${session.csrf}`;
  }

  get(pathname: string): Promise<LightAnswer> {
    return this.send("GET", pathname, null, false);
  }

  postJson(pathname: string, payload: unknown): Promise<LightAnswer> {
    return this.send("POST", pathname, JSON.stringify(payload), true);
  }

  close(): void {
    this.agent.destroy();
  }

  private send(method: string, pathname: string, body: string | null, wantText: boolean): Promise<LightAnswer> {
    const headers: Record<string, string> = {
      Cookie: this.cookie,
      // what a browser asks for: the server compresses as it would for people
      "Accept-Encoding": "br, gzip",
      Accept: body ? "application/json" : "text/html",
    };
    if (body !== null) {
      headers["Content-Type"] = "application/json";
      headers["Content-Length"] = String(Buffer.byteLength(body));
      headers.Origin = this.base.origin;
      headers["x-csrf-token"] = this.session.csrf;
    }
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: this.base.hostname, port: this.base.port, path: pathname, method, headers, agent: this.agent },
        (res) => {
          const status = res.statusCode ?? 0;
          const keep = wantText || status < 200 || status >= 300;
          const chunks: Buffer[] = [];
          let bytes = 0;
          res.on("data", (chunk: Buffer) => {
            bytes += chunk.length;
            if (keep) chunks.push(chunk);
          });
          res.on("error", reject);
          res.on("end", () => {
            if (!keep) return resolve({ status, bytes, text: null });
            const raw = Buffer.concat(chunks);
            const encoding = res.headers["content-encoding"];
            const decoded =
              encoding === "br" ? zlib.brotliDecompressSync(raw) : encoding === "gzip" ? zlib.gunzipSync(raw) : raw;
            resolve({ status, bytes, text: decoded.toString("utf8") });
          });
        },
      );
      req.on("error", reject);
      req.end(body ?? undefined);
    });
  }
}
