import { createContext, useContext } from "react";

/** The per-request CSP nonce (server render only; browsers hide it from the DOM afterwards). */
export const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
