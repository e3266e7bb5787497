import { isRouteErrorResponse, Link } from "react-router";

const MESSAGES: Record<number, { title: string; body: string }> = {
  400: { title: "Sorry, that request could not be read", body: "Check what you entered and try again." },
  403: { title: "You do not have permission to do that", body: "Ask a partnership admin if you think you should." },
  404: { title: "Page not found", body: "If you typed the web address, check it is correct. If you pasted it, check you copied the whole address." },
  409: { title: "Someone else changed this first", body: "Reload the page to see their change, then try again." },
  413: { title: "That form is too large to send", body: "Shorten what you entered, then try again." },
  415: { title: "Sorry, that request could not be read", body: "Go back to the page and send the form from there." },
  429: { title: "Too many attempts", body: "Wait a few minutes, then try again." },
  503: { title: "Sorry, the service is unavailable", body: "The database cannot be reached. Try again in a few minutes." },
};
const UNEXPECTED = { title: "Sorry, there is a problem with the service", body: "Try again later. Nothing you saved before this page is lost." };

/** A friendly page for any error; the stack trace appears only in development. */
export function ErrorPage({ error }: { error: unknown }) {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const detail = isRouteErrorResponse(error) && typeof error.data === "string" ? error.data : null;
  const message = MESSAGES[status] ?? UNEXPECTED;
  const stack = import.meta.env.DEV && error instanceof Error ? error.stack : null;
  return (
    <div className="error-page">
      <h1>{message.title}</h1>
      <p>{detail ?? message.body}</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
      {stack ? <pre className="error-page__stack">{stack}</pre> : null}
    </div>
  );
}
