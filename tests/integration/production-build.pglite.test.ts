import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// React Router's package hands bundlers its development build (vite.config.ts
// names the production one instead). The development build warns about
// misuse in code that its production build does not have; that warning is
// the sign of which build was bundled. (One engine is enough: no database.)

const root = path.resolve(import.meta.dirname, "../..");
const DEVELOPMENT_ONLY = "You rendered descendant <Routes>";

function scriptsIn(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".js"))
    .map((file) => path.join(folder, file));
}

describe("the production build", () => {
  it("has React Router's production build, in the browser's scripts and the server's", () => {
    const development = scriptsIn(path.join(root, "node_modules/react-router/dist/development"));
    expect(development.some((file) => fs.readFileSync(file, "utf8").includes(DEVELOPMENT_ONLY))).toBe(true);

    const built = [...scriptsIn(path.join(root, "build/client/assets")), ...scriptsIn(path.join(root, "build/server"))];
    expect(built.length).toBeGreaterThan(10);
    expect(built.filter((file) => fs.readFileSync(file, "utf8").includes(DEVELOPMENT_ONLY))).toEqual([]);
  });
});
