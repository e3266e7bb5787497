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
    for (const [file, source] of sources("db"))
      expect(
        importsOf(source).filter((from) => from.includes("app/")),
        file,
      ).toEqual([]);
  });

  it("keeps app/domain/ pure: no server, routes, components, database or framework", () => {
    for (const [file, source] of sources("app/domain")) {
      expect(
        importsOf(source).filter((from) => /server|routes|components|db\/|react/.test(from)),
        file,
      ).toEqual([]);
    }
  });

  it("keeps SQL out of route modules", () => {
    for (const [file, source] of sources("app/routes")) expect(source, file).not.toMatch(/\.(selectFrom|insertInto|updateTable|deleteFrom)\(|sql`/);
  });

  it("opens transactions and appends audit events only in the write helpers", () => {
    for (const [file, source] of [...sources("app/server"), ...sources("app/demo")].filter(([file]) => !file.endsWith("platform/write.server.ts"))) {
      expect(source, file).not.toMatch(/\.transaction\(\)/);
      expect(source, file).not.toMatch(/await recordAudit\(/);
    }
  });

  it("writes audit rows only in the audit trail's own module, and the demo's backdated story", () => {
    const writers = [...sources("app/server"), ...sources("app/demo")].filter(([, source]) => /insertInto\("auditEvents"\)/.test(source)).map(([file]) => file);
    expect(writers.sort()).toEqual(["app/demo/seed-rows.server.ts", "app/server/platform/audit.server.ts"]);
  });
});

/** app/server's rooms, lowest first: a room imports only itself and the rooms before it. */
const ROOMS = ["platform", "mail", "auth", "people", "plans", "reviews", "outcomes", "status", "exchange", "calendar", "public", "notices", "http"];

/** The rooms (or top-level folders of app/) a file's relative imports reach. */
function reachedFolders(file: string, source: string): string[] {
  return importsOf(source)
    .filter((from) => from.startsWith(".") || from.startsWith("~/"))
    .map((from) => (from.startsWith("~/") ? path.join("app", from.slice(2)) : path.join(path.dirname(file), from)))
    .map((target) => path.relative(root, path.resolve(root, target)));
}

describe("the rooms of app/server", () => {
  it("puts every server module in a room, but the server's entry", () => {
    const loose = sources("app/server")
      .filter(([file]) => path.dirname(file) === "app/server")
      .map(([file]) => file);
    expect(loose).toEqual(["app/server/app.server.ts"]);
    const rooms = fs
      .readdirSync(path.join(root, "app/server"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(rooms.sort()).toEqual([...ROOMS].sort());
  });

  it("has each room import only itself and the rooms below it", () => {
    for (const [file, source] of sources("app/server").filter(([file]) => path.dirname(file) !== "app/server")) {
      const room = ROOMS.indexOf(file.split("/")[2]!);
      const above = reachedFolders(file, source)
        .filter((target) => target.startsWith("app/server/"))
        .filter((target) => ROOMS.indexOf(target.split("/")[2]!) > room);
      expect(above, file).toEqual([]);
    }
  });

  it("keeps the demo off the serving path: only the server's start-up and the command line load it", () => {
    const serving = [...sources("app/server"), ...sources("app/routes"), ...sources("app/components"), ...sources("app/domain")];
    const loaders = serving.filter(([file, source]) => reachedFolders(file, source).some((target) => target.startsWith("app/demo/"))).map(([file]) => file);
    expect(loaders).toEqual(["app/server/app.server.ts"]);
    const entry = fs.readFileSync(path.join(root, "app/server/app.server.ts"), "utf8");
    expect(importsOf(entry).filter((from) => from.includes("demo/"))).toEqual(["../demo/start-up.server"]);
  });
});

describe("the screens", () => {
  it("has route folders import only components, domain and server, never each other", () => {
    for (const [file, source] of sources("app/routes")) {
      const screen = file.split("/").slice(0, 3).join("/");
      const otherScreens = reachedFolders(file, source)
        .filter((target) => target.startsWith("app/routes/") && !target.includes("+types/"))
        .filter((target) => !target.startsWith(`${screen}/`) && target !== screen);
      expect(otherScreens, file).toEqual([]);
    }
  });

  it("runs every form through the one pipeline: no route reads, parses or writes a form itself", () => {
    for (const [file, source] of sources("app/routes")) {
      expect(source, file).not.toMatch(/\b(readForm|parseForm|attemptWrite)\(|request\.formData\(/);
    }
  });

  it("takes intent names from domain/intents.ts only", () => {
    for (const [file, source] of [...sources("app/routes"), ...sources("app/components")]) {
      expect(source, file).not.toMatch(/name="intent" value="|intent: z\.literal\("|get\("intent"\) === "/);
    }
  });
});
