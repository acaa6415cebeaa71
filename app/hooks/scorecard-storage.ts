/**
 * The browser copy of a scorecard's unsaved edits (localStorage, keyed by scorecard id and tab).
 * Written on every change before anything is sent, removed once the server has acknowledged
 * exactly those values: a crash, a lost network or a closed tab never loses what was typed.
 *
 * Each tab writes its own entry (the tab id lives in sessionStorage, so it survives a reload of
 * that tab). Another tab only adopts an entry whose tab is gone (its heartbeat stopped): two open
 * tabs never pick up each other's in-flight edits, which would look like a conflict with oneself.
 * Browser-only: every function tolerates a missing or full localStorage.
 */
import type { StoredEdits } from "../domain/scorecard/autosave";

const PREFIX = "archpanel.scorecard.";
const HEARTBEAT_PREFIX = "archpanel.tab.";
/** A tab that has not beaten for this long is gone (closed, crashed, navigated away). */
const HEARTBEAT_STALE_MS = 6_000;

function local(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

let memoTabId: string | null = null;

/** This tab's id: stable across reloads of the tab, different in every other tab. */
function tabId(): string {
  if (memoTabId) return memoTabId;
  let id: string | null = null;
  try {
    id = window.sessionStorage.getItem("archpanel.tabId");
    if (!id) {
      const bytes = new Uint8Array(8);
      crypto.getRandomValues(bytes);
      id = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
      window.sessionStorage.setItem("archpanel.tabId", id);
    }
  } catch {
    id = Math.random().toString(16).slice(2);
  }
  memoTabId = id;
  return id;
}

function storageKey(scorecardId: string, tab = tabId()): string {
  return `${PREFIX}${scorecardId}.${tab}`;
}

function parse(raw: string | null): StoredEdits | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<StoredEdits>;
    if (parsed.v !== 1 || typeof parsed.baseVersion !== "number" || !parsed.values || typeof parsed.values !== "object")
      return null;
    return { ...parsed, mode: parsed.mode === "amend" ? "amend" : "draft" } as StoredEdits;
  } catch {
    return null;
  }
}

/** Marks this tab as alive (call every couple of seconds while the page is open). */
export function heartbeat(now = Date.now()): void {
  try {
    local()?.setItem(`${HEARTBEAT_PREFIX}${tabId()}`, String(now));
  } catch {
    // storage full or unavailable: entries of this tab may be adopted by another tab; harmless
  }
}

/** The page is going away: its entries become adoptable at once. */
export function endHeartbeat(): void {
  try {
    local()?.removeItem(`${HEARTBEAT_PREFIX}${tabId()}`);
  } catch {
    // nothing to do
  }
}

function tabAlive(s: Storage, tab: string, now: number): boolean {
  const beat = Number(s.getItem(`${HEARTBEAT_PREFIX}${tab}`));
  return Number.isFinite(beat) && beat > 0 && now - beat < HEARTBEAT_STALE_MS;
}

/**
 * This tab's own unsaved edits (after a reload), else the newest edits left by a tab that is gone
 * (adopted: moved under this tab's key). Edits of another live tab are never returned.
 */
export function readStoredEdits(scorecardId: string, now = Date.now()): StoredEdits | null {
  const s = local();
  if (!s) return null;
  const own = parse(s.getItem(storageKey(scorecardId)));
  if (own) return own;
  let best: { key: string; edits: StoredEdits } | null = null;
  const prefix = `${PREFIX}${scorecardId}.`;
  for (let i = 0; i < s.length; i++) {
    const key = s.key(i);
    if (!key?.startsWith(prefix)) continue;
    const tab = key.slice(prefix.length);
    if (tabAlive(s, tab, now)) continue;
    const edits = parse(s.getItem(key));
    if (edits && (!best || edits.editedAt > best.edits.editedAt)) best = { key, edits };
  }
  if (!best) return null;
  try {
    s.setItem(storageKey(scorecardId), JSON.stringify(best.edits));
    s.removeItem(best.key);
  } catch {
    // keep the orphan where it is; it is still returned
  }
  return best.edits;
}

/** Returns false when the browser refused (quota, private mode). */
export function writeStoredEdits(scorecardId: string, edits: StoredEdits): boolean {
  try {
    const s = local();
    if (!s) return false;
    s.setItem(storageKey(scorecardId), JSON.stringify(edits));
    return true;
  } catch {
    return false;
  }
}

export function clearStoredEdits(scorecardId: string): void {
  try {
    local()?.removeItem(storageKey(scorecardId));
  } catch {
    // nothing to clear
  }
}
