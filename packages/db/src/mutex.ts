/** A minimal FIFO async mutex. */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #locked = false;

  get locked(): boolean {
    return this.#locked;
  }

  /** Resolves with a release function once the lock is held. Release is idempotent. */
  lock(): Promise<() => void> {
    let releaseNext!: () => void;
    const next = new Promise<void>((resolve) => {
      releaseNext = resolve;
    });
    const previous = this.#tail;
    this.#tail = previous.then(() => next);
    return previous.then(() => {
      this.#locked = true;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        this.#locked = false;
        releaseNext();
      };
    });
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.lock();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
