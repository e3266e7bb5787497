import { Form, Link, type ShouldRevalidateFunction, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from "react-router";
import { ErrorPage } from "./components/error-page";
import { keepAboveThePlan } from "./components/revalidation";
import { useNonce } from "./components/nonce";
import { currentUserMiddleware, getCurrentUser } from "./server/auth/current-user.server";
import { viewerPlaceholdersContext } from "./server/http/kept-pages.server";
import stylesHref from "./styles/app.css?url";
import type { Route } from "./+types/root";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: Route.MetaFunction = () => [{ title: "Partnership Board" }];

export const middleware: Route.MiddlewareFunction[] = [currentUserMiddleware];

export function loader({ context }: Route.LoaderArgs) {
  const user = getCurrentUser(context);
  // A page kept for everyone of its permission class names each viewer in the header as it is sent.
  const placeholders = context.get(viewerPlaceholdersContext);
  return { user: user ? { displayName: placeholders?.displayName ?? user.displayName } : null };
}

/** Who is signed in does not change with a plan's board or its actions. */
export const shouldRevalidate: ShouldRevalidateFunction = keepAboveThePlan;

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user ?? null;
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        <header className="site-header">
          <Link className="site-header__name" to="/">
            Partnership Board
          </Link>
          {user ? (
            <nav className="site-header__account no-print" aria-label="Your account">
              <Link to="/account">
                <span className="visually-hidden">Your account: </span>
                {user.displayName}
              </Link>
              <Form method="post" action="/logout">
                <button type="submit" className="button button--header">
                  Sign out
                </button>
              </Form>
            </nav>
          ) : null}
        </header>
        <main id="main" className="page" tabIndex={-1}>
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
