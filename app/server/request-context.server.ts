import { createContext, RouterContextProvider } from "react-router";

/** What the HTTP server knows about a request that the Fetch Request does not. */
export interface ClientInfo {
  /** The client's address as the server saw it (after trusted proxies). */
  address: string;
}

export const clientInfoContext = createContext<ClientInfo>({ address: "unknown" });

export function createRequestContext(client: ClientInfo): RouterContextProvider {
  const context = new RouterContextProvider();
  context.set(clientInfoContext, client);
  return context;
}
