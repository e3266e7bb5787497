import { EventEmitter } from "node:events";
import type { NextFunction, Request, Response } from "express";
import { describe, expect, it } from "vitest";
import { renderQueue } from "./render-queue.server";

/** A request in the queue's eyes: its path, a response that can close, and whether it was let through. */
function arrive(queue: ReturnType<typeof renderQueue>, path = "/p/portsmouth/plans/x", { gone = false } = {}) {
  const response = Object.assign(new EventEmitter(), { writeHead: () => response, socket: { destroyed: gone } });
  const request = { let: false, close: () => response.emit("close"), startSending: () => (response as unknown as Response).writeHead(200) };
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

  it("gives up a place when the page starts to be sent, so a reader who never reads holds none", () => {
    const queue = renderQueue(1);
    const neverReads = arrive(queue);
    const next = arrive(queue);
    expect(next.let).toBe(false);
    neverReads.startSending();
    expect(next.let).toBe(true);
    // Closing later gives back nothing twice.
    neverReads.close();
    expect(arrive(queue).let).toBe(false);
  });

  it("takes no place for a reader whose connection closed before they reached it", () => {
    const queue = renderQueue(1);
    const gone = arrive(queue, "/p/portsmouth/plans/x", { gone: true });
    expect(gone.let).toBe(false);
    // Its close came before it arrived and will not come again: the place is still free.
    expect(arrive(queue).let).toBe(true);
  });

  it("never holds back a live-update stream, however full it is", () => {
    const queue = renderQueue(1);
    arrive(queue);
    expect(arrive(queue, "/p/portsmouth/plans/x/events").let).toBe(true);
    expect(arrive(queue).let).toBe(false);
  });
});
