import { useEffect, useRef, useState } from "react";
import { useRevalidator } from "react-router";

export type LiveState = "connecting" | "live" | "reconnecting";

/** What the board can say about a change the stream tells of. */
export interface ShownVersions {
  /** The board shows the plan at this version already (its loader's data, or a move's reply it applied). */
  shows(version: number): boolean;
  /** A form of this board is still on its way: its reply may yet show the change. */
  settling(): boolean;
}

/** Waits between a change and the reload, so several changes in quick succession cost one. */
const RELOAD_AFTER_MS = 100;

/**
 * Listens to the plan's server-sent events and reloads the board's data when
 * someone changes it. A change that carries a version the board shows already
 * (the echo of its own move) is no reason to reload; one without a version is.
 * The browser's EventSource reconnects on its own; if it gives up, we open a
 * new one after a pause.
 */
export function useLiveUpdates(eventsUrl: string, board: ShownVersions): LiveState {
  const { revalidate } = useRevalidator();
  const latest = useRef({ revalidate, board });
  latest.current = { revalidate, board };
  const [state, setState] = useState<LiveState>("connecting");

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let pending: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let opened = false;
    // Versions heard since the last reload; null for a change that may be anything.
    let heard: Array<number | null> = [];

    const reloadIfNeeded = () => {
      const { board, revalidate } = latest.current;
      // Our own form's reply may still be on its way: ask again once it is in.
      if (board.settling()) {
        pending = setTimeout(reloadIfNeeded, RELOAD_AFTER_MS);
        return;
      }
      const unseen = heard.some((version) => version === null || !board.shows(version));
      heard = [];
      if (unseen) void revalidate();
    };
    const reloadSoon = (version: number | null) => {
      heard.push(version);
      clearTimeout(pending);
      pending = setTimeout(reloadIfNeeded, RELOAD_AFTER_MS);
    };
    const connect = () => {
      source = new EventSource(eventsUrl);
      source.addEventListener("open", () => {
        // Back after a break (a restart, a lost connection): what changed meanwhile was never sent.
        if (opened) reloadSoon(null);
        opened = true;
        setState("live");
      });
      source.addEventListener("change", (event) => reloadSoon(versionOf(event.data)));
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

/** The plan version a change event carries (`{ actionId, version }`), or null when it names none. */
export function versionOf(data: unknown): number | null {
  try {
    const version: unknown = typeof data === "string" ? (JSON.parse(data) as { version?: unknown }).version : null;
    return typeof version === "number" ? version : null;
  } catch {
    return null;
  }
}
