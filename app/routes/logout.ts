import { redirect } from "react-router";
import { signOut } from "~/server/auth/sign-in.server";
import { getCurrentUser } from "~/server/auth/current-user.server";
import { getDb } from "~/server/platform/db.server";
import { clearedSessionCookie } from "~/server/auth/sessions.server";
import type { Route } from "./+types/logout";

export async function action({ request, context }: Route.ActionArgs) {
  const user = getCurrentUser(context);
  if (user) await signOut(await getDb(), user.id, user.sessionId);
  return redirect("/login?signedOut=1", { headers: { "Set-Cookie": clearedSessionCookie(request) } });
}

export function loader() {
  return redirect("/");
}
