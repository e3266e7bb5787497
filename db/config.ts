import type { OpenOptions } from "./client";

/** Database settings from the environment; the README lists every variable. */
export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): OpenOptions {
  const poolSize = Number(env.DATABASE_POOL_SIZE ?? 10);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR || "./data",
    poolSize: Number.isInteger(poolSize) && poolSize > 0 ? poolSize : 10,
  };
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
