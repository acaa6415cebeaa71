import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import type { FieldValues, UseFormRegister } from "react-hook-form";

import { FieldError, fieldId } from "./primitives";

interface ShellProps {
  id: string;
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** Label, control, hint and error, wired for assistive technology. */
export function FieldShell({ id, label, error, hint, children, className }: ShellProps) {
  return (
    <div className={`field${className ? ` ${className}` : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

function describedBy(id: string, error?: string, hint?: ReactNode): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

interface BaseProps {
  name: string;
  label: ReactNode;
  register: UseFormRegister<FieldValues>;
  error?: string | undefined;
  hint?: ReactNode;
  idPrefix?: string;
  className?: string;
}

export function TextField({
  name,
  label,
  register,
  error,
  hint,
  idPrefix,
  className,
  ...rest
}: BaseProps & Omit<InputHTMLAttributes<HTMLInputElement>, "name">) {
  const id = fieldId(name, idPrefix);
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} className={className}>
      <input
        id={id}
        type="text"
        {...rest}
        {...register(name)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
      />
    </FieldShell>
  );
}

export function TextAreaField({
  name,
  label,
  register,
  error,
  hint,
  idPrefix,
  className,
  ...rest
}: BaseProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name">) {
  const id = fieldId(name, idPrefix);
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} className={className}>
      <textarea
        id={id}
        {...rest}
        {...register(name)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
      />
    </FieldShell>
  );
}

export function SelectField({
  name,
  label,
  register,
  error,
  hint,
  idPrefix,
  className,
  children,
  ...rest
}: BaseProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name"> & { children: ReactNode }) {
  const id = fieldId(name, idPrefix);
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} className={className}>
      <select
        id={id}
        {...rest}
        {...register(name)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
      >
        {children}
      </select>
    </FieldShell>
  );
}

/** A select of named choices (people, rubrics, versions), with an optional "Choose…" first option. */
export function ChoiceField<T extends { id: string }>({
  options,
  labelOf,
  placeholder,
  ...props
}: BaseProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "children"> & {
    options: readonly T[];
    labelOf: (option: T) => string;
    placeholder?: string;
  }) {
  return (
    <SelectField {...props}>
      {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {labelOf(o)}
        </option>
      ))}
    </SelectField>
  );
}

/** A form-level error (refusal from the server, or `_form` errors). */
export function FormError({ message, id }: { message: string | null | undefined; id?: string }) {
  if (!message) return null;
  return (
    <div className="form-error" role="alert" id={id}>
      {message}
    </div>
  );
}

/** A success notice after a post-redirect-get (kept short, polite). */
export function Notice({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div className="notice ok" role="status">
      {message}
    </div>
  );
}
