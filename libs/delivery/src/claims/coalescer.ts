/**
 * Turns many concurrent single requests into one batched call (DataLoader-style, group-commit
 * timing): a request made while no batch is running goes out at once, alone; requests made while a
 * batch is running wait for it and then go out together, up to `maxBatch` at a time. A lone job
 * pays no added latency, and a worker at high concurrency makes a handful of round trips instead of
 * one per job. `run` answers each request in order (one answer per request).
 */
export class Coalescer<Request, Answer> {
  private waiting: { request: Request; resolve: (answer: Answer) => void; reject: (error: unknown) => void }[] = [];
  private running = false;

  constructor(
    private readonly run: (requests: Request[]) => Promise<Answer[]>,
    private readonly maxBatch = 100,
  ) {}

  load(request: Request): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      this.flush();
    });
  }

  /**
   * One batch in flight at a time (decision 0002): two at once halved the batches under load, and
   * each statement cost the notifier more than the overlap saved.
   */
  private flush(): void {
    if (this.running || this.waiting.length === 0) return;
    const batch = this.waiting.splice(0, this.maxBatch);
    this.running = true;
    this.run(batch.map((item) => item.request))
      .then(
        (answers) => batch.forEach((item, i) => item.resolve(answers[i])),
        (error: unknown) => batch.forEach((item) => item.reject(error)),
      )
      .finally(() => {
        this.running = false;
        this.flush();
      });
  }
}
