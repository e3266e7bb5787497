import { expect, it } from "vitest";
import { engine } from "../integration/support/test-database";
it("runs", () => expect(engine).toBeTruthy());
