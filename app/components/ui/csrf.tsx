import { useRouteLoaderData } from "@remix-run/react";

interface RootData {
  csrf: string;
}

export function useCsrfToken(): string {
  const data = useRouteLoaderData("root") as RootData | undefined;
  return data?.csrf ?? "";
}

/** Every mutating form includes this hidden field (checked by readBody on the server). */
export function CsrfInput() {
  return <input type="hidden" name="csrf" value={useCsrfToken()} />;
}
