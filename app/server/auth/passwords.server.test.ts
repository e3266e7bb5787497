import { describe, expect, it } from "vitest";
import { passwordProblem } from "./passwords.server";

const person = { email: "sam.patel@demo.test" };

describe("passwordProblem", () => {
  it.each([
    ["short", "Enter a password of at least 12 characters"],
    ["x".repeat(257), "Enter a password of 256 characters or fewer"],
    ["qwerty123456", "Choose a password that is harder to guess: this one is common or easy to work out"],
    ["1qaz2wsx3edc", "Choose a password that is harder to guess: this one is common or easy to work out"],
    ["aaaaaaaaaaaaaaaa", "Choose a password that is harder to guess: this one is common or easy to work out"],
    ["sam.patel@demo.test", "Choose a password that is harder to guess: this one is common or easy to work out"],
    ["SamPatel2024!!", "Choose a password that is harder to guess: this one is common or easy to work out"],
    ["Sam Patel's allotment 2026", null],
    ["Partnership Board 2026", "Choose a password that is harder to guess: this one is common or easy to work out"],
  ])("%j → %j", (password, problem) => {
    expect(passwordProblem(password, person)).toBe(problem);
  });

  it.each([
    ["correct horse battery staple"],
    ["🙂 long passphrase with emoji"],
    ["A long passphrase that keeps going. ".repeat(4)],
    ["pasted    with   spaces  "],
  ])("accepts %j: no composition rules, any characters, 128 and more", (password) => {
    expect(passwordProblem(password, person)).toBeNull();
  });
});
