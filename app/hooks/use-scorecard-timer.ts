/**
 * The exercise timer in the browser: the state lives on the server (so it survives reloads and
 * devices); the browser ticks the display once a second and applies start/pause at once while the
 * request is on its way. An operation that cannot reach the server is retried when back online.
 */
import { useCallback, useEffect, useRef, useState } from "react";

import type { EndpointAnswer } from "../domain/scorecard/autosave";
import type { TimerState } from "../domain/scorecard/rules";
import { applyTimerOp, timerView } from "../domain/scorecard/rules";
import type { TimerOp } from "../domain/scorecard/schema";

type Post = (body: Record<string, unknown>) => Promise<EndpointAnswer>;

// Clocks that disagree by less than this are treated as the same clock (page-load latency).
const SKEW_TOLERANCE_MS = 5_000;

export function useScorecardTimer(opts: {
  initial: TimerState;
  serverNow: number;
  durationMinutes: number;
  post: Post;
  enabled: boolean;
}) {
  const [timer, setTimer] = useState<TimerState>(opts.initial);
  // The first render (server and hydration) uses the server's clock so both agree.
  const [now, setNow] = useState(opts.serverNow);
  const offsetRef = useRef(0);
  const queuedRef = useRef<TimerOp | null>(null);
  const [unsynced, setUnsynced] = useState(false);
  const postRef = useRef(opts.post);
  postRef.current = opts.post;

  useEffect(() => {
    const skew = opts.serverNow - Date.now();
    offsetRef.current = Math.abs(skew) > SKEW_TOLERANCE_MS ? skew : 0;
    setNow(Date.now() + offsetRef.current);
    const id = setInterval(() => setNow(Date.now() + offsetRef.current), 1000);
    return () => clearInterval(id);
  }, [opts.serverNow]);

  const send = useCallback(async (op: TimerOp) => {
    const res = await postRef.current({ intent: "timer", op });
    if (res.kind === "response" && res.status === 200 && res.body.timer) {
      queuedRef.current = null;
      setUnsynced(false);
      const serverNow = Number(res.body.serverNow);
      if (Number.isFinite(serverNow)) {
        const skew = serverNow - Date.now();
        offsetRef.current = Math.abs(skew) > SKEW_TOLERANCE_MS ? skew : 0;
      }
      setTimer(res.body.timer as TimerState);
      return;
    }
    if (res.kind === "network" || res.status >= 500 || res.status === 401) {
      queuedRef.current = op;
      setUnsynced(true);
    }
  }, []);

  useEffect(() => {
    const onOnline = () => {
      if (queuedRef.current) void send(queuedRef.current);
    };
    window.addEventListener("online", onOnline);
    return () => window.removeEventListener("online", onOnline);
  }, [send]);

  const run = useCallback(
    (op: TimerOp) => {
      if (!opts.enabled) return;
      const at = Date.now() + offsetRef.current;
      setTimer((t) => applyTimerOp(t, op, at));
      setNow(at);
      void send(op);
    },
    [opts.enabled, send],
  );

  return { timer, now, view: timerView(timer, opts.durationMinutes, now), run, unsynced };
}
