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
