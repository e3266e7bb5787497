import { useEffect, useRef, useState } from "react";
import { useRevalidator } from "react-router";

export type LiveState = "connecting" | "live" | "reconnecting";

/**
 * Listens to the plan's server-sent events and reloads the board's data when
 * someone changes it. The browser's EventSource reconnects on its own; if it
 * gives up, we open a new one after a pause.
 */
export function useLiveUpdates(eventsUrl: string): LiveState {
  const { revalidate } = useRevalidator();
  const revalidateRef = useRef(revalidate);
  revalidateRef.current = revalidate;
  const [state, setState] = useState<LiveState>("connecting");

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let pending: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let opened = false;

    const reloadSoon = () => {
      // Several changes in quick succession cost one reload.
      clearTimeout(pending);
      pending = setTimeout(() => void revalidateRef.current(), 100);
    };
    const connect = () => {
      source = new EventSource(eventsUrl);
      source.addEventListener("open", () => {
        // Back after a break (a restart, a lost connection): what changed meanwhile was never sent.
        if (opened) reloadSoon();
        opened = true;
        setState("live");
      });
      source.addEventListener("change", reloadSoon);
      source.addEventListener("error", () => {
        setState("reconnecting");
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          retry = setTimeout(connect, 3_000);
        }
      });
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      clearTimeout(pending);
      source?.close();
    };
  }, [eventsUrl]);

  return state;
}
