import fs from "node:fs";
import path from "node:path";
import type { Reporter, TestModule } from "vitest/node";

/** One test file's share of a run: `npm test` prints the slowest (tests/run-all.mjs). */
export interface FileTiming {
  suite: string;
  file: string;
  seconds: number;
}

/**
 * Writes how long each test file took, setup and hooks included, to the file
 * named by TEST_TIMINGS_FILE (nothing when it is unset).
 */
export default class FileTimingsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const target = process.env.TEST_TIMINGS_FILE;
    if (!target) return;
    const timings: FileTiming[] = testModules.map((module) => {
      const { duration, collectDuration, setupDuration, prepareDuration, environmentSetupDuration } = module.diagnostic();
      return {
        suite: `vitest ${module.project.name}`,
        file: path.relative(process.cwd(), module.moduleId),
        seconds: (duration + collectDuration + setupDuration + prepareDuration + environmentSetupDuration) / 1000,
      };
    });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, JSON.stringify(timings, null, 1));
  }
}
