import { afterEach, vi } from "vitest";

// An unexpected console.error is a bug: fail the test that caused it.
const originalError = console.error;
afterEach(() => {
  vi.restoreAllMocks();
});
console.error = (...args: unknown[]) => {
  originalError(...args);
  throw new Error(`console.error called: ${args.map(String).join(" ").slice(0, 500)}`);
};
