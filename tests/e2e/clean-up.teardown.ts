import fs from "node:fs";
import { test as teardown } from "@playwright/test";
import { runFolder } from "./support/run-folder";

// After every worker has stopped its server and removed its copy.
teardown("the template database and the saved sign-ins are removed", () => {
  fs.rmSync(runFolder, { recursive: true, force: true });
});
