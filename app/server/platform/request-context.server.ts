import { createContext, RouterContextProvider } from "react-router";

/** What the HTTP server knows about a request that the Fetch Request does not. */
export interface RequestInfo {
  /** The client's address as the server saw it (after trusted proxies). */
  address: string;
  /** The nonce the Content-Security-Policy header allows scripts with. */
  cspNonce: string;
}

export const requestInfoContext = createContext<RequestInfo>({ address: "unknown", cspNonce: "" });

export function createRequestContext(info: RequestInfo): RouterContextProvider {
  const context = new RouterContextProvider();
  context.set(requestInfoContext, info);
  return context;
}

/**
 * Methods that change nothing, the one list every check uses: the cross-site
 * check, the plan's refusal of observers, and whether a refusal was of a change.
 * React Router runs no action for them (it answers OPTIONS with 405).
 */
export const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);
