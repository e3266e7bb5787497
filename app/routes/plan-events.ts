import { database } from "~/server/platform/db.server";
import { loadMembership } from "~/server/auth/guards.server";
import { claimLiveStream, LIVE_STREAMS_PER_SESSION, subscribeToPlan } from "~/server/platform/live.server";
import { readSessionToken, validateSessionToken } from "~/server/auth/sessions.server";
import { pageLoader, planScope } from "~/server/http/pipeline.server";

const HEARTBEAT_MS = 25_000;

/**
 * Server-sent events for one plan: a "change" event after each committed
 * change, a comment every 25 seconds to keep proxies from closing the stream.
 * Each change and each heartbeat checks the session and membership again:
 * signing out, a password change elsewhere or being disabled ends the stream.
 */
export const loader = pageLoader(planScope("plan.view"), async ({ membership, plan, request }) => {
  const handle = await database();
  const releaseStream = claimLiveStream(membership.user.sessionId);
  if (!releaseStream) {
    return new Response(`Live updates are open in ${LIVE_STREAMS_PER_SESSION} places for this sign-in already. Close a few tabs, then reload.`, {
      status: 429,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "60", "Cache-Control": "no-store" },
    });
  }
  const encoder = new TextEncoder();
  let cleanup = releaseStream;

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const stillAllowed = async () => {
        const token = readSessionToken(request);
        const session = token ? await validateSessionToken(handle.db, token, new Date(), { touch: false }) : null;
        return session !== null && (await loadMembership(handle.db, { ...session.user, sessionId: session.sessionId }, membership.partnership.slug)) !== null;
      };
      // One check at a time: what arrives meanwhile waits for its answer, so
      // a burst of changes (or every board reloading after a reconnect)
      // costs one check per stream, not one per change.
      let checking: Promise<boolean> | null = null;
      /** Sends `text` if the session may still see the plan; otherwise ends the stream. */
      const sendIfAllowed = (text: string) => {
        checking ??= stillAllowed()
          // The database cannot say just now: the stream stays as it was, until it can.
          .catch(() => true)
          .finally(() => (checking = null));
        void checking.then((allowed) => (allowed ? send(text) : cleanup()));
      };
      // A change is told only to a session that may still see it: signed out
      // or disabled a moment ago, the viewer hears nothing more.
      const unsubscribe = await subscribeToPlan(handle, plan.id, {
        onChange: (change) =>
          sendIfAllowed(`event: change\ndata: ${JSON.stringify({ actionId: change.actionId ?? null, version: change.version ?? null })}\n\n`),
        onClose: () => cleanup(),
      });
      const heartbeat = setInterval(() => sendIfAllowed(": heartbeat\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        releaseStream();
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      request.signal.addEventListener("abort", cleanup);
      send("retry: 2000\n\n");
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});
