import type { DatabaseHandle } from "../../db/client";
import { shouldSeedDemo } from "../../db/config";
import { DEMO_SLUGS, seedDemoData } from "./seed.server";

// What the server's start-up does for the demo (app/server/app.server.ts sets
// it as the database's start-up step): load it when asked, and warn while its
// published password opens accounts.

export async function loadDemoIfAsked(handle: DatabaseHandle): Promise<void> {
  if (shouldSeedDemo()) {
    // Only into a database that holds nothing but (part of) the demo: never beside real partnerships.
    const slugs = (await handle.db.selectFrom("partnerships").select("slug").execute()).map((row) => row.slug);
    if (slugs.every((slug) => DEMO_SLUGS.includes(slug)) && slugs.length < DEMO_SLUGS.length) {
      console.log("Loading the demo partnerships (Portsmouth, Hertfordshire Compact)…");
      const { created } = await seedDemoData(handle.db);
      if (created) console.log("Loaded the demo partnerships (see README for the demo sign-ins).");
    }
  }
  await warnAboutDemoAccounts(handle);
}

/** Demo accounts share a published password: say so loudly wherever they exist. */
async function warnAboutDemoAccounts(handle: DatabaseHandle) {
  const demo = await handle.db
    .selectFrom("users")
    .select("id")
    .where("email", "=", "admin@demo.test")
    .where("passwordHash", "is not", null)
    .where("disabledAt", "is", null)
    .executeTakeFirst()
    .catch(() => undefined);
  if (demo) {
    console.warn(
      "Warning: the demo accounts (admin@demo.test and others) are active with the password published in the README. " +
        "For real use, start with an empty database and SEED_DEMO=0, or disable those accounts.",
    );
  }
}
