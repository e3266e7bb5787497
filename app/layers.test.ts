import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The shape STYLE.md describes, checked: layers point one way, routes hold no
// SQL, and only the write helpers open transactions and append audit events.

const root = path.resolve(import.meta.dirname, "..");

function sources(folder: string): Array<[string, string]> {
  return fs
    .readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(ts|tsx)$/.test(file) && !file.endsWith(".test.ts") && !file.includes("+types"))
    .map((file) => [path.join(folder, file), fs.readFileSync(path.join(root, folder, file), "utf8")]);
}

const importsOf = (source: string) => [...source.matchAll(/^import[^;]*? from "([^"]+)";/gms)].map((match) => match[1]!);

describe("the layers", () => {
  it("keeps db/ free of the app: schema, migrations and the client only", () => {
    for (const [file, source] of sources("db")) expect(importsOf(source).filter((from) => from.includes("app/")), file).toEqual([]);
  });

  it("keeps app/domain/ pure: no server, routes, components, database or framework", () => {
    for (const [file, source] of sources("app/domain")) {
      expect(importsOf(source).filter((from) => /server|routes|components|db\/|react/.test(from)), file).toEqual([]);
    }
  });

  it("keeps SQL out of route modules", () => {
    for (const [file, source] of sources("app/routes")) expect(source, file).not.toMatch(/\.(selectFrom|insertInto|updateTable|deleteFrom)\(|sql`/);
  });

  it("opens transactions and appends audit events only in the write helpers", () => {
    for (const [file, source] of sources("app/server").filter(([file]) => !file.endsWith("write.server.ts"))) {
      expect(source, file).not.toMatch(/\.transaction\(\)/);
      expect(source, file).not.toMatch(/await recordAudit\(/);
    }
  });

  it("writes audit rows only in the audit trail's own module, and the demo's backdated story", () => {
    const writers = sources("app/server").filter(([, source]) => /insertInto\("auditEvents"\)/.test(source)).map(([file]) => file.split("/").pop());
    expect(writers.sort()).toEqual(["audit.server.ts", "demo-seed-rows.server.ts"]);
  });
});
