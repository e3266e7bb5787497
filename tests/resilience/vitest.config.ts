import { defineConfig } from "vitest/config";

// `npm run test:resilience`: faults, load and several instances, against the
// production build over HTTP, on PGlite and (with TEST_DATABASE_URL) on
// PostgreSQL. Slower than the integration tests, so `npm test` runs it as a
// step of its own. One file at a time: each starts servers and load of its
// own, and two at once on two cores would only measure each other.
const resilience = (engine: "pglite" | "postgres", exclude: string) => ({
  extends: true as const,
  test: {
    name: `resilience-${engine}`,
    include: ["tests/resilience/**/*.test.ts"],
    exclude: [exclude],
    env: { TEST_ENGINE: engine },
    globalSetup: ["tests/integration/support/global-setup.ts"],
  },
});

export default defineConfig({
  root: new URL("../..", import.meta.url).pathname,
  resolve: { tsconfigPaths: true },
  test: {
    // The default reporter, and each file's time for `npm test`'s closing lines.
    reporters: ["default", "./tests/support/file-timings-reporter.ts"],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
    projects: [resilience("pglite", "**/*.postgres.test.ts"), ...(process.env.TEST_DATABASE_URL ? [resilience("postgres", "**/*.pglite.test.ts")] : [])],
  },
});
