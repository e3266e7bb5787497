// A reader of a plan's live-update stream (server-sent events), held open as
// a board in a browser holds it.

export interface PlanChangeEvent {
  actionId: string | null;
}

export interface EventStream {
  status: number;
  /** Resolves with the next change event's data; rejects after `timeoutMs`, or if the stream ends first. */
  nextChange(timeoutMs?: number): Promise<PlanChangeEvent>;
  /** Resolves when the stream ends, whichever side ended it. */
  ended: Promise<void>;
  close(): void;
}

/** Opens the stream and waits for its first words, so that changes made once this resolves are sent on it. */
export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { Accept: "text/event-stream", ...headers }, signal: abort.signal, redirect: "manual" });
  const changes: PlanChangeEvent[] = [];
  const listeners = new Set<() => void>();
  const tell = () => listeners.forEach((listener) => listener());
  let finished = !response.ok || !response.body;
  let firstWords: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (firstWords = resolve));
  const ended = finished ? Promise.resolve() : read();

  async function read() {
    const decoder = new TextDecoder();
    let pending = "";
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        firstWords();
        pending += decoder.decode(chunk, { stream: true });
        const messages = pending.split("\n\n");
        pending = messages.pop()!;
        for (const message of messages) {
          const data = /^event: change\ndata: (.*)$/m.exec(message)?.[1];
          if (data) changes.push(JSON.parse(data) as PlanChangeEvent);
        }
        tell();
      }
    } catch {
      // Ended by close(), or the connection dropped.
    } finally {
      finished = true;
      firstWords();
      tell();
    }
  }

  if (!finished) await opened;
  return {
    status: response.status,
    ended,
    close: () => abort.abort(),
    nextChange(timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (changes.length > 0) settle(() => resolve(changes.shift()!));
          else if (finished) settle(() => reject(new Error(`The stream (${response.status}) ended before a change arrived`)));
        };
        const timer = setTimeout(() => settle(() => reject(new Error(`No change arrived within ${timeoutMs} ms`))), timeoutMs);
        const settle = (outcome: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          outcome();
        };
        listeners.add(check);
        check();
      });
    },
  };
}
