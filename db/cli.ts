// `npm run db:migrate` and `npm run db:seed`.
import { openDatabase } from "./client";
import { databaseOptionsFromEnv } from "./config";
import { migrateToLatest } from "./migrate";
import { seedDemoData } from "./seed";

const command = process.argv[2];
if (command !== "migrate" && command !== "seed") {
  console.error("Usage: tsx db/cli.ts migrate|seed");
  process.exit(2);
}

const handle = await openDatabase(databaseOptionsFromEnv());
try {
  console.log(`Database: ${handle.engine} at ${handle.location}`);
  const { results = [] } = await migrateToLatest(handle.db);
  for (const result of results) console.log(`Migration ${result.migrationName}: ${result.status}`);
  if (results.length === 0) console.log("Schema is up to date.");
  if (command === "seed") {
    const { created } = await seedDemoData(handle.db);
    console.log(created ? "Loaded the Portsmouth demo partnership." : "Demo data is already there; nothing changed.");
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
