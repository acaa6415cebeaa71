/**
 * What a refused mutation returns to its route: an HTTP status and a sentence for the user.
 * Query functions in db/queries return these instead of throwing, so routes can show the message
 * next to the form that caused it.
 */
export type Refusal = {
  ok: false;
  status: 400 | 403 | 404 | 409;
  message: string;
  /** a warning, not a rule: the same request with `confirm=1` goes ahead */
  confirm?: true;
};
export type Outcome<T> = { ok: true; value: T } | Refusal;

export function refuse(status: Refusal["status"], message: string): Refusal {
  return { ok: false, status, message };
}

/** Thrown inside a transaction to roll it back with a refusal; caught by `runRefusable`. */
export class RefusalError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

export function abort(status: Refusal["status"], message: string): never {
  throw new RefusalError(refuse(status, message));
}

/** Stops a change the user should confirm first (409 with `confirm`); nothing is written. */
export function askToConfirm(message: string): never {
  throw new RefusalError({ ok: false, status: 409, message, confirm: true });
}

/**
 * Runs `fn` (which may call `abort`) and turns an abort into a Refusal. SQLite errors raised by
 * the immutability triggers on published rubric versions become a 409 with a clear message.
 */
export function runRefusable<T>(fn: () => T): Outcome<T> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    if (error instanceof RefusalError) return error.refusal;
    if (error instanceof Error && /published rubric versions are immutable/.test(error.message)) {
      return refuse(
        409,
        "This rubric version is published and can no longer be changed. Clone it into a new draft to change it.",
      );
    }
    throw error;
  }
}
