import { useEffect, useRef } from "react";

/**
 * The server asked before submitting (the interview is still days away). "Submit anyway" posts the
 * form again with `confirm=1` (the hidden field; with JavaScript the button's data-confirm).
 */
export function SubmitConfirm({ message, formId }: { message: string; formId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "center" });
    ref.current?.focus({ preventScroll: true });
  }, [message]);
  return (
    <div
      className="notice warn submit-confirm"
      role="alert"
      tabIndex={-1}
      ref={ref}
      data-testid="submit-confirm"
      id="submit-confirm"
    >
      <p>
        <strong>Submit before the interview?</strong> {message}
      </p>
      <input type="hidden" form={formId} name="confirm" value="1" />
      <div className="row">
        <button type="submit" form={formId} name="intent" value="submit" data-confirm="1" className="btn">
          Submit anyway
        </button>
        <button type="submit" form={formId} name="intent" value="save" className="btn primary">
          Keep it as a draft
        </button>
      </div>
    </div>
  );
}
