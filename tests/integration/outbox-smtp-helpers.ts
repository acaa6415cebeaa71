// A real SMTP server (smtp-server, speaking the protocol on localhost) and a real HTTP receiver
// for webhooks, for the outbox tests. Both record what arrives.
import http from "node:http";
import type { AddressInfo } from "node:net";

import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  messageId: string;
  /** when the sink accepted it (just before answering 250) */
  at: number;
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpSink {
  port: number;
  url: string;
  mails: ReceivedMail[];
  /** messages whose data has arrived and which are being accepted right now */
  pending(): number;
  /** resolves once every received message is parsed */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts an SMTP server on 127.0.0.1. `reject` maps a recipient address to an SMTP answer
 * (e.g. 550 or 451) to refuse it with; `delayMs` slows each transaction before acceptance.
 */
export async function startSmtpSink(
  opts: { reject?: (address: string) => { code: number; message: string } | null; delayMs?: () => number } = {},
): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  let pending = 0;
  const parsing: Promise<void>[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onMailFrom(_address, _session, callback) {
      const delay = opts.delayMs?.() ?? 0;
      if (delay > 0) setTimeout(() => callback(), delay);
      else callback();
    },
    onRcptTo(address, _session, callback) {
      const refusal = opts.reject?.(address.address) ?? null;
      if (refusal) {
        const error = new Error(refusal.message) as Error & { responseCode: number };
        error.responseCode = refusal.code;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      pending++;
      const chunks: Buffer[] = [];
      let ended = false;
      stream.on("data", (c: Buffer) => chunks.push(c));
      // A client killed in the middle of the message: smtp-server destroys the stream (no 'end'); the
      // message was never accepted, so it is not received, and it is no longer pending either.
      stream.on("error", () => {});
      stream.on("close", () => {
        if (!ended) pending--;
      });
      stream.on("end", () => {
        ended = true;
        // accept at once, as a mail server answers once the message is queued; parse afterwards
        const raw = Buffer.concat(chunks).toString("utf8");
        const mail = {
          messageId: /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(raw)?.[1] ?? "",
          at: Date.now(),
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        } as ReceivedMail;
        mails.push(mail);
        pending--;
        callback();
        parsing.push(
          simpleParser(raw).then(
            (parsed) => {
              mail.parsed = parsed;
            },
            () => {}, // left unparsed: the assertions on it fail
          ),
        );
      });
    },
  });
  // a sender killed mid-conversation resets its connection: expected, not a test failure
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    pending: () => pending,
    settled: async () => {
      await Promise.all(parsing);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedHook {
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HookSink {
  url: string;
  hooks: ReceivedHook[];
  /** the status the next requests get (default 200) */
  answers: number[];
  close(): Promise<void>;
}

export async function startHookSink(): Promise<HookSink> {
  const hooks: ReceivedHook[] = [];
  const answers: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      hooks.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const status = answers.shift() ?? 200;
      res.writeHead(status, { "Content-Type": "text/plain" }).end(status === 200 ? "ok" : "try later");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/archpanel`,
    hooks,
    answers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
