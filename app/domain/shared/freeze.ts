/**
 * Freezes a value and everything it holds, so a value shared between requests (a cached rubric, a
 * remembered review) cannot be changed by one of them. An already frozen object is taken as frozen
 * through: sharing frozen parts of an earlier value costs nothing.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
