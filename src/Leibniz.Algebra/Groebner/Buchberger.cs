using System.Diagnostics;
using Leibniz.Algebra.Polynomials;
using Leibniz.Numerics;

namespace Leibniz.Algebra.Groebner;

/// <summary>
/// Buchberger's algorithm: G ← generators, P ← their pairs; while P ≠ ∅, select (i, j) from P, reduce S(gᵢ, gⱼ) by G,
/// and add a nonzero remainder to G with its pairs (filtered by the Gebauer–Möller criteria). The result is reduced.
/// The loop stops cleanly between pairs when the time or memory budget runs out or the run is cancelled.
/// </summary>
public static class Buchberger
{
    /// <summary>The reduced Gröbner basis of the ideal <paramref name="generators"/> span.</summary>
    public static GroebnerResult<T> Run<T>(PolynomialRing<T> ring, IEnumerable<Polynomial<T>> generators, GroebnerOptions? options = null)
    {
        options ??= new GroebnerOptions();
        var input = generators.Where(g => !g.IsZero).ToList();
        foreach (var g in input)
        {
            if (!ReferenceEquals(g.Ring, ring) && !g.Ring.SameAs(ring))
            {
                throw new ArgumentException($"generator {g} is in the ring {g.Ring}, not in {ring}.", nameof(generators));
            }
        }
        if (options.SortInput)
        {
            var layout = ring.Layout;
            input.Sort((a, b) => layout.Compare(a.LeadMonomial, b.LeadMonomial));
        }
        var clock = Stopwatch.StartNew();
        var env = new BuchbergerEnvironment<T>(ring, options.Elimination, options.SortReducers, options.Rewards);
        env.Reset(input);
        var random = options.Selection.IsRandom ? new Generator(options.Seed) : null;
        var status = GroebnerStatus.Complete;
        var nextReport = options.ProgressInterval;
        int sinceCheck = 0;
        while (!env.IsDone)
        {
            if (options.Cancellation.IsCancellationRequested)
            {
                status = GroebnerStatus.Cancelled;
                break;
            }
            if (options.Timeout is { } limit && clock.Elapsed > limit)
            {
                status = GroebnerStatus.TimedOut;
                break;
            }
            if (options.MaxMemoryBytes is { } bytes && ++sinceCheck >= 16)
            {
                sinceCheck = 0;
                if (GC.GetTotalMemory(false) > bytes && GC.GetTotalMemory(true) > bytes)
                {
                    status = GroebnerStatus.MemoryLimit;
                    break;
                }
            }
            env.Step(options.Selection.Select(env.Pairs, ring, random));
            if (options.Progress is not null && clock.Elapsed >= nextReport)
            {
                options.Progress(env.Statistics);
                nextReport = clock.Elapsed + options.ProgressInterval;
            }
        }
        IReadOnlyList<Polynomial<T>> basis = status == GroebnerStatus.Complete ? env.ReducedBasis() : [.. env.Basis];
        return new GroebnerResult<T>(ring, basis, status, env.Statistics, clock.Elapsed);
    }
}
