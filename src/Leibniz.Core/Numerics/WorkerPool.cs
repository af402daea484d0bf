namespace Leibniz.Numerics;

/// <summary>
/// A small pool of dedicated worker threads for short parallel loops. After each job a worker spins for a few
/// microseconds before going to sleep, so that the next job (typically tens of microseconds later, in the next
/// operation of a training step) starts without a thread wake-up: the OpenMP pattern. Jobs are one range per
/// worker; the calling thread runs the first range itself.
/// </summary>
internal static class WorkerPool
{
    private const int SpinIterations = 500;

    private static readonly object s_gate = new();
    private static Worker[] s_workers = [];
    private static int s_busy;

    /// <summary>
    /// Runs <paramref name="body"/>(start, length) on <paramref name="parts"/> consecutive ranges covering
    /// [0, n), in parallel. Returns false (without running anything) when the pool is in use, e.g. from inside
    /// another parallel loop; the caller then runs the loop itself.
    /// </summary>
    public static bool TryRun(int n, int parts, Action<int, int> body)
    {
        if (parts < 2 || Interlocked.CompareExchange(ref s_busy, 1, 0) != 0)
        {
            return false;
        }
        try
        {
            var workers = Ensure(parts - 1);
            int chunk = (n + parts - 1) / parts;
            for (int p = 1; p < parts; p++)
            {
                int start = p * chunk;
                workers[p - 1].Post(body, start, Math.Max(0, Math.Min(chunk, n - start)));
            }
            Exception? error = null;
            try
            {
                body(0, Math.Min(chunk, n));
            }
            catch (Exception e)
            {
                error = e;
            }
            for (int p = 1; p < parts; p++)
            {
                var workerError = workers[p - 1].Wait();
                error ??= workerError;
            }
            if (error is not null)
            {
                throw new AggregateException("A parallel kernel failed.", error);
            }
            return true;
        }
        finally
        {
            Volatile.Write(ref s_busy, 0);
        }
    }

    private static Worker[] Ensure(int count)
    {
        var workers = s_workers;
        if (workers.Length >= count)
        {
            return workers;
        }
        lock (s_gate)
        {
            if (s_workers.Length < count)
            {
                var grown = new Worker[count];
                Array.Copy(s_workers, grown, s_workers.Length);
                for (int i = s_workers.Length; i < count; i++)
                {
                    grown[i] = new Worker(i);
                }
                s_workers = grown;
            }
            return s_workers;
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Workers and their semaphores live as long as the process.")]
    private sealed class Worker
    {
        private readonly SemaphoreSlim _wake = new(0);
        private Action<int, int>? _body;
        private int _start;
        private int _length;
        private volatile bool _done = true;
        private volatile bool _sleeping;
        private Exception? _error;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"Leibniz worker {index + 1}" };
            thread.Start();
        }

        public void Post(Action<int, int> body, int start, int length)
        {
            _start = start;
            _length = length;
            _error = null;
            _done = false;
            Volatile.Write(ref _body, body);
            // Store then load: a full fence, so that either we see the worker asleep or it sees the job.
            Interlocked.MemoryBarrier();
            if (_sleeping)
            {
                _wake.Release();
            }
        }

        public Exception? Wait()
        {
            var spinner = new SpinWait();
            while (!_done)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
            return _error;
        }

        private void Loop()
        {
            while (true)
            {
                var body = Volatile.Read(ref _body);
                int spins = 0;
                while (body is null)
                {
                    if (++spins < SpinIterations)
                    {
                        Thread.SpinWait(20);
                    }
                    else
                    {
                        _sleeping = true;
                        Interlocked.MemoryBarrier();
                        if (Volatile.Read(ref _body) is null)
                        {
                            _wake.Wait();
                        }
                        _sleeping = false;
                        spins = 0;
                    }
                    body = Volatile.Read(ref _body);
                }
                try
                {
                    if (_length > 0)
                    {
                        body(_start, _length);
                    }
                }
                catch (Exception e)
                {
                    _error = e;
                }
                Volatile.Write(ref _body, null);
                _done = true;
            }
        }
    }
}
