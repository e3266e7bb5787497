import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vitest/config";

// Integration tests run once per engine; `*.pglite.test.ts` and
// `*.postgres.test.ts` hold what only one engine has (a data folder, a server URL).
const integrationTestFiles = ["tests/integration/**/*.test.ts"];
// The production build runs in-process in some tests; Node loads it as it would in production.
const loadBuildNatively = { deps: { external: [/\/build\/server\//] } };

// React Router's package exports its development build under every condition
// (remix-run/react-router#14102), warnings and all, to browsers and to the
// server alike. Its production build, named here, is the same code without them.
const reactRouterProduction = (file: string) => fileURLToPath(new URL(`node_modules/react-router/dist/production/${file}`, import.meta.url));
const productionBuildOfReactRouter = [
  { find: /^react-router$/, replacement: reactRouterProduction("index.mjs") },
  { find: /^react-router\/dom$/, replacement: reactRouterProduction("dom-export.mjs") },
];

// Vitest reads this file too; the React Router plugin only belongs in the app build.
export default defineConfig({
  plugins: process.env.VITEST ? [] : [reactRouter()],
  resolve: { tsconfigPaths: true, alias: process.env.VITEST ? [] : productionBuildOfReactRouter },
  environments: {
    ssr: {
      // The server bundle's entry is our own module: it wraps the React Router
      // build with the database lifecycle, so both share one database handle.
      build: { rollupOptions: { input: "./app/server/app.server.ts" } },
      // Bundled, so that they and the app share the one production copy of React Router.
      resolve: { noExternal: ["react-router", "@react-router/express", "@react-router/node"] },
    },
  },
  test: {
    // The default reporter, and each file's time for `npm test`'s closing lines.
    reporters: ["default", "./tests/support/file-timings-reporter.ts"],
    // At least two files at once, even on two cores (Vitest's default would be one there):
    // much of a file's time is spent waiting on PostgreSQL, a server or a child process.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        extends: true as const,
        test: { name: "unit", include: ["app/**/*.test.ts", "app/**/*.test.tsx", "db/**/*.test.ts"] },
      },
      {
        extends: true as const,
        test: {
          name: "pglite",
          include: integrationTestFiles,
          exclude: ["**/*.postgres.test.ts"],
          env: { TEST_ENGINE: "pglite" },
          globalSetup: ["tests/integration/support/global-setup.ts"],
          server: loadBuildNatively,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              extends: true as const,
              test: {
                name: "postgres",
                include: integrationTestFiles,
                exclude: ["**/*.pglite.test.ts"],
                env: { TEST_ENGINE: "postgres" },
                globalSetup: ["tests/integration/support/global-setup.ts"],
                server: loadBuildNatively,
                testTimeout: 60_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
    ],
  },
});
