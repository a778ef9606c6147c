// Group commit, per key (a branch): jobs that arrive while this process runs a group for the same key wait, then
// run together as the next group. Nothing waits on purpose: a job that finds its key idle starts at once, alone.
// Jobs run in arrival order; a group's jobs are taken while `fits` says so (at least one each time).

interface Waiting<J, R> {
  job: J
  resolve(value: R): void
  reject(reason: unknown): void
}

/** Runs one group; answers one settled result per job, in the jobs' order. */
export type GroupRunner<J, R> = (key: string, jobs: J[]) => Promise<PromiseSettledResult<R>[]>

export class GroupQueue<J, R> {
  private readonly waiting = new Map<string, Waiting<J, R>[]>()

  constructor(
    private readonly run: GroupRunner<J, R>,
    /** may `next` join a group already holding `group`? */
    private readonly fits: (group: readonly J[], next: J) => boolean,
  ) {}

  submit(key: string, job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queued = this.waiting.get(key)
      if (queued) {
        queued.push({ job, resolve, reject })
        return
      }
      const fresh = [{ job, resolve, reject }]
      this.waiting.set(key, fresh)
      void this.drain(key, fresh)
    })
  }

  private async drain(key: string, queued: Waiting<J, R>[]): Promise<void> {
    while (queued.length > 0) {
      let count = 1
      const jobs = [queued[0]!.job]
      while (count < queued.length && this.fits(jobs, queued[count]!.job)) jobs.push(queued[count++]!.job)
      const group = queued.splice(0, count)
      let settled: PromiseSettledResult<R>[]
      try {
        settled = await this.run(key, jobs)
      } catch (reason) {
        settled = group.map(() => ({ status: 'rejected', reason }))
      }
      group.forEach((w, i) => {
        const s = settled[i]
        if (s?.status === 'fulfilled') w.resolve(s.value)
        else w.reject(s ? s.reason : new Error('group commit: no result for a job'))
      })
    }
    this.waiting.delete(key)
  }
}
