/**
 * The scorecard form's state in the browser: the uncontrolled inputs the server rendered, read on
 * change, with the little of react-hook-form the scorecard used (register, watch, setValue, reset,
 * submit with the zod schema, field errors, focus). react-hook-form is ~13 KiB gzip, the largest
 * library on the page after React and Remix; this is a fraction of that. The schema stays the one
 * the server validates with (domain/scorecard/schema.ts), and the server stays authoritative: its
 * 400 answers land in the same field errors. Other forms keep react-hook-form (use-remix-form.ts).
 *
 * Errors are keyed by the issue's dotted path ("ratings.system_design.evidence"). As with
 * react-hook-form's resolver, the first issue of a path wins, an issue under a path that already has
 * one is not counted apart, and after the first submit an edit re-checks the field it changed.
 */
import type { ChangeEvent, FormEvent } from "react";
import { useMemo, useRef, useState } from "react";

type FieldElement = HTMLInputElement | HTMLTextAreaElement;

export interface RegisteredField {
  name: string;
  ref: (element: FieldElement | null) => void;
  onChange: (event: ChangeEvent<FieldElement>) => void;
}
export type RegisterField = (name: string) => RegisteredField;

/** message by dotted path */
export type FormErrors = Record<string, string>;
export type SchemaCheck<V> = (values: V) => Promise<{ ok: true; values: V } | { ok: false; errors: FormErrors }>;

export function valueAt(source: unknown, path: string): unknown {
  let node = source;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A copy of `source` with `value` at `path` (objects along the path copied, never shared). */
function withValueAt<V>(source: V, path: string, value: unknown): V {
  const keys = path.split(".");
  const root = { ...(source as Record<string, unknown>) };
  let node = root;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    const copy = next && typeof next === "object" ? { ...(next as Record<string, unknown>) } : {};
    node[key] = copy;
    node = copy;
  });
  return root as V;
}

function parentOf(path: string): string {
  const dot = path.lastIndexOf(".");
  return dot < 0 ? "" : path.slice(0, dot);
}

/** `path` or its nearest ancestor that has an error. */
function errorPathFor(errors: FormErrors, path: string): string | null {
  for (let p = path; p; p = parentOf(p)) if (Object.hasOwn(errors, p)) return p;
  return null;
}

/** Issues as field errors: the first per path; a parent after one of its children is left out. */
export function issuesToErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FormErrors {
  const out: FormErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join(".");
    if (Object.hasOwn(out, path) || Object.keys(out).some((k) => k.startsWith(`${path}.`))) continue;
    out[path] = issue.message;
  }
  return out;
}

/** Fields with an error, an error under another field's error counted once. */
export function countErrors(errors: FormErrors): number {
  return Object.keys(errors).filter((k) => errorPathFor(errors, parentOf(k)) === null).length;
}

function writeField(element: FieldElement, value: unknown) {
  if (element instanceof HTMLInputElement && element.type === "radio") element.checked = element.value === value;
  else if (element instanceof HTMLInputElement && element.type === "checkbox") element.checked = value === true;
  else element.value = typeof value === "string" ? value : "";
}

function readField(element: FieldElement, previous: unknown): unknown {
  if (element instanceof HTMLInputElement && element.type === "radio")
    return element.checked ? element.value : previous;
  if (element instanceof HTMLInputElement && element.type === "checkbox") return element.checked;
  return element.value;
}

/** The form's methods: one object for the page's life (safe in effect dependencies). */
export interface ScorecardForm<V> {
  register: RegisterField;
  getValues: () => V;
  setValue: (path: string, value: unknown) => void;
  /** every field to these values, errors and submit count cleared */
  reset: (values: V) => void;
  /** called on every change with the new values (also on setValue and reset) */
  watch: (listener: (values: V) => void) => () => void;
  setError: (path: string, message: string) => void;
  clearErrors: (path: string) => void;
  setFocus: (path: string) => void;
  handleSubmit: (
    onValid: (values: V) => Promise<void>,
    onInvalid: (errors: FormErrors) => void,
  ) => (event: FormEvent) => Promise<void>;
}

export function useScorecardForm<V extends object>(
  defaultValues: V,
  check: SchemaCheck<V>,
): {
  form: ScorecardForm<V>;
  /** the values as of the last change (a new object per change) */
  values: V;
  errors: FormErrors;
  submitCount: number;
} {
  const [values, setValues] = useState(defaultValues);
  const [errors, setErrors] = useState<FormErrors>({});
  const [submitCount, setSubmitCount] = useState(0);
  const current = useRef({ values: defaultValues, submitted: false, check });
  current.current.check = check;

  const form = useMemo((): ScorecardForm<V> => {
    const fields = new Map<string, Set<FieldElement>>();
    const registered = new Map<string, RegisteredField>();
    const listeners = new Set<(v: V) => void>();
    const elementsOf = (path: string): FieldElement[] => {
      const set = fields.get(path);
      if (!set) return [];
      for (const el of set) if (!el.isConnected) set.delete(el);
      return [...set];
    };
    const commit = (next: V) => {
      current.current.values = next;
      setValues(next);
      for (const listener of listeners) listener(next);
    };
    const focusFirst = (paths: string[]) => {
      const candidates = paths.flatMap((p) => elementsOf(p).slice(0, 1));
      candidates.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
      candidates[0]?.focus();
    };
    /** after the first submit, an edit re-checks its field (or the ancestor its error sat on) */
    const recheck = async (path: string) => {
      const r = await current.current.check(current.current.values);
      const found = r.ok ? {} : r.errors;
      setErrors((prev) => {
        const target = errorPathFor(prev, path) ?? errorPathFor(found, path) ?? path;
        const next = { ...prev };
        delete next[target];
        const message = found[target];
        if (message !== undefined) next[target] = message;
        return next;
      });
    };

    const register: RegisterField = (name) => {
      let field = registered.get(name);
      if (!field) {
        field = {
          name,
          ref: (element) => {
            if (!element) return;
            let set = fields.get(name);
            if (!set) fields.set(name, (set = new Set()));
            set.add(element);
          },
          onChange: (event) => {
            const value = readField(event.target, valueAt(current.current.values, name));
            commit(withValueAt(current.current.values, name, value));
            if (current.current.submitted) void recheck(name);
          },
        };
        registered.set(name, field);
      }
      return field;
    };

    return {
      register,
      getValues: () => current.current.values,
      setValue: (path: string, value: unknown) => {
        for (const el of elementsOf(path)) writeField(el, value);
        commit(withValueAt(current.current.values, path, value));
      },
      reset: (next: V) => {
        for (const path of fields.keys()) for (const el of elementsOf(path)) writeField(el, valueAt(next, path));
        current.current.submitted = false;
        setErrors({});
        setSubmitCount(0);
        commit(next);
      },
      watch: (listener: (v: V) => void) => {
        listeners.add(listener);
        return () => {
          listeners.delete(listener);
        };
      },
      setError: (path: string, message: string) => setErrors((prev) => ({ ...prev, [path]: message })),
      clearErrors: (path: string) =>
        setErrors((prev) => {
          if (!Object.keys(prev).some((k) => k === path || k.startsWith(`${path}.`))) return prev;
          return Object.fromEntries(Object.entries(prev).filter(([k]) => k !== path && !k.startsWith(`${path}.`)));
        }),
      setFocus: (path: string) => elementsOf(path)[0]?.focus(),
      handleSubmit:
        (onValid: (v: V) => Promise<void>, onInvalid: (e: FormErrors) => void) => async (event: FormEvent) => {
          event.preventDefault();
          const r = await current.current.check(current.current.values);
          current.current.submitted = true;
          setErrors(r.ok ? {} : r.errors);
          setSubmitCount((n) => n + 1);
          if (r.ok) return onValid(r.values);
          focusFirst(Object.keys(r.errors));
          onInvalid(r.errors);
        },
    };
  }, []);

  return { form, values, errors, submitCount };
}
