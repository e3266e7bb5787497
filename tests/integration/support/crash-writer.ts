// Run by the crash tests: commits one row at a time into a PGlite data folder
// and prints each committed id, until it is killed.
import { openDatabase } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { recordAudit, SYSTEM_ACTOR } from "../../../app/server/platform/audit.server";

const handle = await openDatabase({ dataDir: process.argv[2]! });
await migrateToLatest(handle.db);
for (let index = 0; ; index += 1) {
  const slug = `crash-${index}`;
  await handle.db.transaction().execute(async (trx) => {
    const partnership = await trx
      .insertInto("partnerships")
      .values({ slug, name: `Crash test ${index}` })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: SYSTEM_ACTOR, partnershipId: partnership.id, entityType: "partnership", entityId: partnership.id, verb: "created" });
  });
  process.stdout.write(`committed ${slug}\n`);
}
