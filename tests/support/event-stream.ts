// A live-update viewer as a browser's EventSource is one: a streamed GET of
// …/events, read with fetch and a reader, split into server-sent events.

export interface ServerSentEvent {
  /** "message" when the server named none. */
  type: string;
  data: string;
}

export interface EventStream {
  response: Response;
  /** Resolves with the next event of this type not yet taken; rejects after `timeoutMs`. */
  next(type: string, timeoutMs?: number): Promise<ServerSentEvent>;
  /** Resolves when the server ends the stream; rejects if it is still open after `timeoutMs`. */
  ended(timeoutMs: number): Promise<void>;
  close(): void;
}

/**
 * Opens the stream; resolves once its first lines arrived (ours sends `retry:`
 * once subscribed, so changes after this reach it) or it was refused.
 */
export async function openEventStream(url: string, cookie: string | null): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { Accept: "text/event-stream", ...(cookie ? { Cookie: cookie } : {}) },
    signal: abort.signal,
    redirect: "manual",
  });
  const unread: ServerSentEvent[] = [];
  const listeners = new Set<() => void>();
  let open = response.ok && response.body !== null;
  let started = false;
  const changed = () => {
    for (const listener of listeners) listener();
  };

  if (open) {
    void (async () => {
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += value;
          started = true;
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const event = parseEvent(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            if (event) unread.push(event);
          }
          changed();
        }
      } catch {
        // aborted by close()
      }
      open = false;
      changed();
    })();
  }

  const waitFor = <T>(check: () => T | undefined, timeoutMs: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const listener = () => {
        try {
          const found = check();
          if (found === undefined) return;
          done();
          resolve(found);
        } catch (error) {
          done();
          reject(error as Error);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(listener);
      };
      listeners.add(listener);
      listener();
    });

  await waitFor(() => (started || !open ? true : undefined), 10_000, "The stream sent nothing");
  return {
    response,
    next: (type, timeoutMs = 10_000) =>
      waitFor(
        () => {
          const index = unread.findIndex((event) => event.type === type);
          if (index >= 0) return unread.splice(0, index + 1).at(-1);
          if (!open) throw new Error(`The stream ended before a "${type}" event`);
          return undefined;
        },
        timeoutMs,
        `No "${type}" event arrived`,
      ),
    ended: (timeoutMs) => waitFor(() => (open ? undefined : true), timeoutMs, "The stream was still open").then(() => undefined),
    close: () => abort.abort(),
  };
}

/** One event's lines; null for a block with no data (a comment such as a heartbeat, or `retry:`). */
function parseEvent(block: string): ServerSentEvent | null {
  let type = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    const colon = line.indexOf(":");
    if (colon === 0) continue;
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") type = value;
    else if (field === "data") data.push(value);
  }
  return data.length > 0 ? { type, data: data.join("\n") } : null;
}
