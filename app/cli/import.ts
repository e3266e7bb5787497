// `npm run import -- --partnership <slug> --title "<plan title>" [--steward <group>]… [--as <email>] [--dry-run] <file>`
// The web import's validation and preview, from the command line. Exit codes:
// 0 imported (or, with --dry-run, would import); 1 the file has problems; 2 usage.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../../db/client";
import { databaseOptionsFromEnv } from "../../db/config";
import { migrateToLatest } from "../../db/migrate";
import type { MatchedLead } from "../domain/lead-matching";
import { loadActor } from "../server/platform/actors.server";
import { readImportFile } from "../server/exchange/import-source.server";
import { importDirectory, importPlan, importPlanAsOperator, previewImport, type ImportPreview } from "../server/exchange/plan-import.server";

const USAGE = `Usage: npm run import -- --partnership <slug> --title "<plan title>" [--steward "<group name>"]… [--as <admin email>] [--dry-run] <file>
  <file>      a CSV or tab-separated table (UTF-8 or Windows-1252), or a plan exported as JSON
  --dry-run   print the preview only; write nothing
  --as        record the import as this admin's (needed when the table has Done actions)
  --steward   a steward group of the new plan, by name; repeat for several`;

const { values, positionals } = (() => {
  try {
    return parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        partnership: { type: "string" },
        title: { type: "string" },
        steward: { type: "string", multiple: true, default: [] },
        as: { type: "string" },
        "dry-run": { type: "boolean", default: false },
      },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
})();
const title = values.title?.trim() ?? "";
if (!values.partnership || positionals.length !== 1 || (!values["dry-run"] && (title === "" || title.length > 300))) {
  console.error(USAGE);
  process.exit(2);
}
const file = positionals[0]!;
let bytes: Uint8Array;
try {
  bytes = fs.readFileSync(file);
} catch (error) {
  console.error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

const handle = await openDatabase(databaseOptionsFromEnv());
try {
  process.exitCode = await run();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}

async function run(): Promise<number> {
  const { db } = handle;
  await migrateToLatest(db);
  const partnership = await db.selectFrom("partnerships").select(["id", "slug"]).where("slug", "=", values.partnership!).executeTakeFirst();
  if (!partnership) {
    console.error(`No partnership has the slug "${values.partnership}".`);
    return 2;
  }
  const source = readImportFile(bytes, path.basename(file));
  if (!source.ok) {
    console.error(source.message);
    return 1;
  }
  const { reading } = source;
  const preview = previewImport(reading.draft, reading.problems, await importDirectory(db, partnership.id));
  console.log(report(path.basename(file), reading.ignoredHeadings, preview));
  if (!preview.canCommit) {
    console.error("\nNothing was written: fix the problems above, then run the import again.");
    return 1;
  }
  if (values["dry-run"]) {
    console.log("\nDry run: nothing was written.");
    return 0;
  }

  const groups = await db.selectFrom("groups").select(["id", "name"]).where("partnershipId", "=", partnership.id).execute();
  const stewardGroupIds: string[] = [];
  for (const name of values.steward ?? []) {
    const group = groups.find((candidate) => candidate.name.toLowerCase() === name.trim().toLowerCase());
    if (!group) {
      console.error(`No group of this partnership is called "${name}". Its groups: ${groups.map((each) => each.name).join(", ") || "none yet"}.`);
      return 2;
    }
    stewardGroupIds.push(group.id);
  }
  const fields = { title, periodStart: reading.plan?.periodStart ?? null, periodEnd: reading.plan?.periodEnd ?? null, stewardGroupIds };
  const imported = { draft: reading.draft, problems: reading.problems, source: { kind: reading.kind, fileName: path.basename(file) } };
  const started = performance.now();
  let summary;
  if (values.as) {
    const user = await db.selectFrom("users").select("id").where("email", "=", values.as.trim().toLowerCase()).executeTakeFirst();
    const actor = user ? await loadActor(db, user.id, partnership.id) : null;
    if (!actor) {
      console.error(`${values.as} is not a member of this partnership.`);
      return 2;
    }
    summary = await importPlan(db, actor, fields, imported);
  } else {
    summary = await importPlanAsOperator(db, partnership.id, fields, imported);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`\nImported "${title}": ${summary.objectives} objectives, ${summary.actions} actions, in ${seconds} s.`);
  console.log(`Its board: /p/${partnership.slug}/plans/${summary.planId}`);
  return 0;
}

/** The preview in words, as the web page shows it. */
function report(fileName: string, ignoredHeadings: string[], preview: ImportPreview): string {
  const lines = [
    `${fileName}: ${preview.counts.objectives} objectives, ${preview.counts.actions} actions; ${preview.counts.matchedLeads} ` +
      `leads matched to people and groups, ${preview.counts.outsideBodies} outside bodies; ${preview.counts.undated} actions undated.`,
  ];
  if (ignoredHeadings.length > 0) lines.push(`Columns not read: ${ignoredHeadings.join(", ")}.`);
  for (const objective of preview.objectives) {
    lines.push("", `Objective ${objective.number}: ${objective.title}`);
    for (const action of objective.actions) {
      const due = action.dueOn ?? "undated";
      lines.push(`  ${action.reference} ${action.title}`, `      Leads: ${leadWords(action.leads)}. Timescale: ${action.timescaleText || "none"} (${due}).`);
    }
  }
  const errors = preview.problems.filter((problem) => problem.severity === "error");
  const warnings = preview.problems.filter((problem) => problem.severity === "warning");
  for (const [heading, problems] of [
    ["Problems to fix", errors],
    ["To check", warnings],
  ] as const) {
    if (problems.length === 0) continue;
    lines.push("", `${heading} (${problems.length}):`);
    for (const problem of problems) lines.push(`  ${problem.line ? `Line ${problem.line}: ` : ""}${problem.message}`);
  }
  return lines.join("\n");
}

function leadWords(leads: MatchedLead[]): string {
  if (leads.length === 0) return "none named";
  return leads.map((lead) => `${lead.name} (${lead.kind === "outside" ? "outside body" : lead.kind})`).join(", ");
}
