import { EventEmitter } from "node:events";
import type { NextFunction, Request, Response } from "express";
import { describe, expect, it } from "vitest";
import { renderQueue } from "./render-queue.server";

/** A request in the queue's eyes: its path, a response that can close, and whether it was let through. */
function arrive(queue: ReturnType<typeof renderQueue>, path = "/p/portsmouth/plans/x") {
  const response = new EventEmitter();
  const request = { let: false, close: () => response.emit("close") };
  const next: NextFunction = () => {
    request.let = true;
  };
  queue({ path } as Request, response as unknown as Response, next);
  return request;
}

describe("the render queue", () => {
  it("lets a few through at once and the next in order as each finishes", () => {
    const queue = renderQueue(2);
    const [first, second, third, fourth] = [arrive(queue), arrive(queue), arrive(queue), arrive(queue)];
    expect([first.let, second.let, third.let, fourth.let]).toEqual([true, true, false, false]);
    second.close();
    expect([third.let, fourth.let]).toEqual([true, false]);
    first.close();
    expect(fourth.let).toBe(true);
  });

  it("forgets a reader who gave up while waiting, and keeps count of the others", () => {
    const queue = renderQueue(1);
    const running = arrive(queue);
    const gaveUp = arrive(queue);
    const patient = arrive(queue);
    gaveUp.close();
    expect(gaveUp.let).toBe(false);
    running.close();
    expect(patient.let).toBe(true);
    const after = arrive(queue);
    expect(after.let).toBe(false);
    patient.close();
    expect(after.let).toBe(true);
  });

  it("never holds back a live-update stream, however full it is", () => {
    const queue = renderQueue(1);
    arrive(queue);
    expect(arrive(queue, "/p/portsmouth/plans/x/events").let).toBe(true);
    expect(arrive(queue).let).toBe(false);
  });
});
