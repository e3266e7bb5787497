import os from "node:os";
import path from "node:path";

// One folder per run of the browser tests: the seeded template database, the
// saved sign-ins and each worker's copy. The config sets it in the runner, and
// workers inherit the environment, so the setup and every worker agree on it;
// the runner's process id keeps two runs on one machine apart.
process.env.PB_E2E_RUN_FOLDER ??= path.join(os.tmpdir(), `partnership-board-e2e-${process.pid}`);
export const runFolder = process.env.PB_E2E_RUN_FOLDER;

/** The data folder the setup seeds and signs into; workers copy it, never open it. */
export const templateFolder = path.join(runFolder, "template");

/** The demo people, one per role (README: "Demo sign-ins"). */
export const DEMO_EMAILS = ["admin@demo.test", "leader@demo.test", "officer@demo.test", "facilitator@demo.test", "councillor@demo.test"] as const;

export function isDemoEmail(email: string): email is (typeof DEMO_EMAILS)[number] {
  return (DEMO_EMAILS as readonly string[]).includes(email);
}

/** Where the setup saves a demo person's cookies (Playwright's storageState). */
export function savedSignInPath(email: (typeof DEMO_EMAILS)[number]) {
  return path.join(runFolder, "signed-in", `${email.split("@")[0]}.json`);
}
