import autocannon from "autocannon";

// Load from autocannon, as browsers send it: signed in, asking for gzip or
// brotli. Latencies are collected per response (autocannon's own summary has
// no 95th percentile), and a move counts as its POST and the revalidating GET
// that follows it in a browser.

export interface LoadResult {
  /** Requests (or moves) answered per second. */
  perSecond: number;
  p50: number;
  p95: number;
  /** Answers that were not what a browser gets when all is well, and failed connections. */
  errors: number;
  /** Bytes on the wire per answer. */
  bytesEach: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  /** The status a good answer has (302 for a sign-in). */
  expectStatus?: number;
  requests?: autocannon.Request[];
  /** With a POST then a GET per step: time the pair, count moves. */
  pairs?: boolean;
}

export const BROWSER_ENCODINGS = { "Accept-Encoding": "gzip, deflate, br" };

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const times: number[] = [];
  let errors = 0;
  const pending = new Map<object, number>();
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        headers: { ...BROWSER_ENCODINGS, ...options.headers },
        requests: options.requests,
        timeout: 10,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  instance.on("response", (client: object, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode !== (options.expectStatus ?? 200)) errors += 1;
    if (!options.pairs) return times.push(responseTime);
    const first = pending.get(client);
    if (first === undefined) pending.set(client, responseTime);
    else {
      pending.delete(client);
      times.push(first + responseTime);
    }
  });
  const result = await finished;
  times.sort((a, b) => a - b);
  const answered = result.requests.total;
  return {
    perSecond: times.length / options.seconds,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    errors: errors + result.errors + result.timeouts,
    bytesEach: answered ? result.throughput.total / answered : 0,
  };
}

/** Each statistic's median over several runs (after one unmeasured run to warm up). */
export async function medianOfRuns(runs: number, options: LoadOptions): Promise<LoadResult> {
  await load({ ...options, seconds: 1 });
  const results: LoadResult[] = [];
  for (let run = 0; run < runs; run += 1) results.push(await load(options));
  const median = (pick: (result: LoadResult) => number) => {
    const values = results.map(pick).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)]!;
  };
  return {
    perSecond: median((result) => result.perSecond),
    p50: median((result) => result.p50),
    p95: median((result) => result.p95),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    bytesEach: median((result) => result.bytesEach),
  };
}
