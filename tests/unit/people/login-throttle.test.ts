import { describe, expect, it } from "vitest";

import {
  accountKey,
  addressKey,
  admit,
  canClearLoginThrottle,
  delayAfter,
  formatWait,
  liveFailures,
  THROTTLE,
  type ThrottleCounter,
} from "../../../app/domain/people/login-throttle";
import { trustProxySetting } from "../../../scripts/lib/trust-proxy";

const NOW = Date.UTC(2026, 11, 3, 12);
const counter = (failures: number, extra: Partial<ThrottleCounter> = {}): ThrottleCounter => ({
  failures,
  lastFailureAt: NOW - 1_000,
  blockedUntil: 0,
  lastSuccessAt: null,
  ...extra,
});

describe("login throttle policy", () => {
  it("delays start after the free failures and double up to 15 minutes", () => {
    expect([5, 6, 7, 8, 9, 10, 11, 12, 40].map((n) => delayAfter(n, 5) / 1000)).toEqual([
      0, 30, 60, 120, 240, 480, 900, 900, 900,
    ]);
    expect(delayAfter(1, 0)).toBe(THROTTLE.firstDelayMs);
    expect(delayAfter(1_000_000, Number.POSITIVE_INFINITY)).toBe(0);
  });

  it("a quiet day forgets failures", () => {
    expect(liveFailures(counter(9), NOW)).toBe(9);
    expect(liveFailures(counter(9, { lastFailureAt: NOW - THROTTLE.forgetAfterMs - 1 }), NOW)).toBe(0);
    expect(liveFailures(undefined, NOW)).toBe(0);
  });

  it("refuses while the pair's or the address's wait runs, and says for how long", () => {
    const none = { pair: undefined, address: undefined, account: undefined };
    expect(admit(none, NOW)).toEqual({ admitted: true, pairFree: THROTTLE.pairFree });
    expect(admit({ ...none, pair: counter(6, { blockedUntil: NOW + 5_000 }) }, NOW)).toEqual({
      admitted: false,
      retryAfterMs: 5_000,
    });
    expect(admit({ ...none, address: counter(21, { blockedUntil: NOW + 9_000 }) }, NOW)).toEqual({
      admitted: false,
      retryAfterMs: 9_000,
    });
    expect(admit({ ...none, pair: counter(6, { blockedUntil: NOW }) }, NOW).admitted).toBe(true);
  });

  it("the account-wide count never refuses; under attack an unfamiliar address gets one try, a familiar one five", () => {
    const besieged = counter(THROTTLE.accountAlarm);
    expect(admit({ pair: undefined, address: undefined, account: besieged }, NOW)).toEqual({
      admitted: true,
      pairFree: THROTTLE.pairFreeUnderAttack,
    });
    const familiar = counter(0, { lastSuccessAt: NOW - 86_400_000 });
    expect(admit({ pair: familiar, address: undefined, account: besieged }, NOW)).toEqual({
      admitted: true,
      pairFree: THROTTLE.pairFree,
    });
    const longAgo = counter(0, { lastSuccessAt: NOW - THROTTLE.familiarForMs - 1 });
    expect(admit({ pair: longAgo, address: undefined, account: besieged }, NOW)).toMatchObject({ pairFree: 0 });
  });

  it("counts IPv6 clients by their /64 and IPv4-mapped addresses as IPv4", () => {
    expect(addressKey("203.0.113.9")).toBe("203.0.113.9");
    expect(addressKey("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(addressKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:DB8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("64:ff9b::192.0.2.1")).toBe("64:ff9b:0:0::/64");
    expect(addressKey("not:an::address::x")).toBe("not:an::address::x");
    expect(addressKey("unknown")).toBe("unknown");
  });

  it("accounts are keyed by the email as typed, trimmed and lower-cased", () => {
    expect(accountKey("  Ada@Example.ORG ")).toBe("ada@example.org");
  });

  it("waits read as seconds, then whole minutes rounded up", () => {
    expect(formatWait(1)).toBe("1 second");
    expect(formatWait(29_400)).toBe("30 seconds");
    expect(formatWait(60_000)).toBe("1 minute");
    expect(formatWait(61_000)).toBe("2 minutes");
  });

  it("only admins clear a login wait", () => {
    expect(canClearLoginThrottle({ id: "a", role: "admin" }).ok).toBe(true);
    expect(canClearLoginThrottle({ id: "r", role: "recruiter" }).ok).toBe(false);
    expect(canClearLoginThrottle({ id: "m", role: "member" }).ok).toBe(false);
  });
});

describe("TRUST_PROXY", () => {
  it("maps to Express's trust proxy: none, a hop count or a list; never 'true'", () => {
    expect(trustProxySetting(undefined)).toBe(false);
    expect(trustProxySetting("")).toBe(false);
    expect(trustProxySetting("false")).toBe(false);
    expect(trustProxySetting("0")).toBe(false);
    expect(trustProxySetting("2")).toBe(2);
    expect(trustProxySetting(" 10.0.0.5, 10.0.1.0/24 ")).toBe("10.0.0.5, 10.0.1.0/24");
    expect(trustProxySetting("loopback")).toBe("loopback");
    expect(() => trustProxySetting("true")).toThrow(/X-Forwarded-For/);
  });
});
