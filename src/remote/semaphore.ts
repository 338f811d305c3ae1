/** A FIFO counting semaphore: at most `size` holders; the rest wait in order. */
export class Semaphore {
  private waiting: Array<() => void> = [];
  private held = 0;
  constructor(private readonly size: number) {}

  async acquire(): Promise<() => void> {
    if (this.held < this.size) this.held++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.held--;
    };
  }

  async with<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/** Runs `fn` over `items` with at most `n` in flight; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const sem = new Semaphore(Math.max(1, n));
  return Promise.all(items.map((item, i) => sem.with(() => fn(item, i))));
}
