import fc from "fast-check";

/**
 * How many cases each property test tries. Set here alone, so that a laptop
 * and CI run the same tests; raise one here to search harder.
 */
export const PROPERTY_RUNS = {
  /** app/domain/plan-json.test.ts: a plan survives export and import unchanged. */
  planJsonRoundTrip: 200,
  /** tests/integration/form-fuzz.test.ts: generated requests per form, on each engine. */
  formFuzzPerForm: 30,
} as const;

/** One seed per test run, printed on failure; FC_SEED=<seed> runs the same cases again. */
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 2 ** 31);

/**
 * Checks a property with its runs from PROPERTY_RUNS. A failure says which
 * seed found it and how to replay it, then fast-check's own report
 * (the counterexample, shrunk).
 */
export async function checkProperty<T>(property: fc.IRawProperty<T>, runs: number): Promise<void> {
  const details = await fc.check(property, { numRuns: runs, seed });
  if (!details.failed) return;
  throw new Error(`Property failed with seed ${seed}; run again with FC_SEED=${seed} to replay it.\n${fc.defaultReportMessage(details)}`, {
    cause: details.errorInstance,
  });
}
