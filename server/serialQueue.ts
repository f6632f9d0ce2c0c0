/**
 * @module server/serialQueue
 * A FIFO of async tasks that run one at a time. Each active room has one: commits with their
 * fan-out, catch-up pages and the switch of a socket to live all go through it, so a socket
 * can neither miss nor receive twice any seq.
 */

/** Runs tasks one after another, in the order `run` was called. */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /** Queues `task`; the returned promise settles with it. A failing task does not stop the queue. */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    this.#pending++;
    const result = this.#tail.then(task);
    this.#tail = result.then(
      () => this.#pending--,
      () => this.#pending--,
    );
    return result;
  }

  /** Tasks queued or running. */
  get pending(): number {
    return this.#pending;
  }

  /** Resolves once every task queued so far has settled. */
  idle(): Promise<void> {
    return this.#tail.then(() => undefined);
  }
}
