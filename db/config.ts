import type { OpenOptions } from "./client";

/** Database settings from the environment; the README lists every variable. */
export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): OpenOptions {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    listenUrl: env.DATABASE_LISTEN_URL || undefined,
    dataDir: env.DATA_DIR || "./data",
    poolSize: positiveInteger(env.DATABASE_POOL_SIZE, 10),
    statementTimeoutMs: positiveInteger(env.DATABASE_STATEMENT_TIMEOUT_MS, 15_000),
    connectTimeoutMs: positiveInteger(env.DATABASE_CONNECT_TIMEOUT_MS, 3_000),
  };
}

function positiveInteger(text: string | undefined, fallback: number): number {
  const value = Number(text ?? fallback);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/**
 * Demo data loads on the first start of an empty embedded database, and on a
 * DATABASE_URL database only when asked for with SEED_DEMO=1.
 */
export function shouldSeedDemo(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.SEED_DEMO === "0") return false;
  if (env.SEED_DEMO === "1") return true;
  return !env.DATABASE_URL;
}
