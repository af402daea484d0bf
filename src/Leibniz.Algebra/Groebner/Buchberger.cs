using System.Diagnostics;
using Leibniz.Algebra.Polynomials;
using Leibniz.Numerics;

namespace Leibniz.Algebra.Groebner;

/// <summary>
/// Buchberger's algorithm: G ← generators, P ← their pairs; while P ≠ ∅, select (i, j) from P, reduce S(gᵢ, gⱼ) by G,
/// and add a nonzero remainder to G with its pairs (filtered by the Gebauer–Möller criteria). The result is reduced.
/// The run stops cleanly (between pairs or inside a reduction) when the time or memory budget runs out, the run is
/// cancelled, or an exponent outgrows the packed monomials, returning the elements found so far.
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
        if (options.HomogenizeNonDegreeOrders && !ring.Order.IsDegreeCompatible && !input.All(Homogenization.IsHomogeneous))
        {
            return ThroughHomogenization(ring, input, options);
        }
        var clock = Stopwatch.StartNew();
        var env = new BuchbergerEnvironment<T>(ring, options.Elimination, options.SortReducers, options.Rewards);
        env.Reset(input);
        var random = options.Selection.IsRandom ? new Generator(options.Seed) : null;
        var status = GroebnerStatus.Complete;
        // One token stops the run between pairs or inside a long reduction: the caller's, the time budget, or the
        // memory watch (the heap's size read every 100 ms).
        using var stop = options.StartLimits();
        bool memoryExceeded = false;
        using var watch = options.MaxMemoryBytes is { } bytes
            ? new Timer(_ =>
            {
                if (GC.GetTotalMemory(false) > bytes)
                {
                    memoryExceeded = true;
                    // A tick can still be running when the run has ended and disposed the token.
                    try
                    {
                        stop.Cancel();
                    }
                    catch (ObjectDisposedException)
                    {
                    }
                }
            }, null, 0, 100)
            : null;
        var nextReport = options.ProgressInterval;
        int sinceMemoryCheck = 0;
        try
        {
            while (!env.IsDone)
            {
                // The heap is also read here, between pairs, so that a budget already exceeded stops the run at once.
                if (options.MaxMemoryBytes is { } budget && sinceMemoryCheck-- <= 0)
                {
                    sinceMemoryCheck = 16;
                    if (GC.GetTotalMemory(false) > budget)
                    {
                        memoryExceeded = true;
                        stop.Cancel();
                    }
                }
                stop.Token.ThrowIfCancellationRequested();
                env.Step(options.Selection.Select(env.Pairs, ring, random), stop.Token);
                if (options.Progress is not null && clock.Elapsed >= nextReport)
                {
                    options.Progress(env.Statistics);
                    nextReport = clock.Elapsed + options.ProgressInterval;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            status = options.Cancellation.IsCancellationRequested ? GroebnerStatus.Cancelled
                : memoryExceeded ? GroebnerStatus.MemoryLimit
                : GroebnerStatus.TimedOut;
        }
        catch (OverflowException)
        {
            status = GroebnerStatus.ExponentLimit;
        }
        watch?.Dispose();
        IReadOnlyList<Polynomial<T>> basis = status == GroebnerStatus.Complete ? env.ReducedBasis() : [.. env.Basis];
        return new GroebnerResult<T>(ring, basis, status, env.Statistics, clock.Elapsed);
    }

    /// <summary>Computes a basis of ⟨F^h⟩ in block(order, h), sets h = 1 and reduces.</summary>
    private static GroebnerResult<T> ThroughHomogenization<T>(PolynomialRing<T> ring, List<Polynomial<T>> input, GroebnerOptions options)
    {
        var extended = Homogenization.Extend(ring);
        var homogeneous = Run(extended, input.Select(f => Homogenization.Homogenize(f, extended)), options with { SortInput = false });
        var dehomogenized = homogeneous.Basis.Select(g => Homogenization.Dehomogenize(g, ring)).Where(g => !g.IsZero).ToList();
        IReadOnlyList<Polynomial<T>> basis = homogeneous.IsComplete ? BasisReduction.Reduce(dehomogenized) : dehomogenized;
        return new GroebnerResult<T>(ring, basis, homogeneous.Status, homogeneous.Statistics, homogeneous.Elapsed) { Algorithm = "buchberger, homogenized" };
    }
}
