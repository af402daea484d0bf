using Leibniz.Algebra.Polynomials;

namespace Leibniz.Algebra.Groebner;

/// <summary>What one step of Buchberger's algorithm is rewarded with (deepgroebner's <c>rewards</c>).</summary>
public enum RewardKind
{
    /// <summary>−(1 + reduction steps): the number of polynomial additions the pair cost, negated.</summary>
    Additions,

    /// <summary>−1 per pair reduced.</summary>
    Reductions,
}

/// <summary>
/// Buchberger's algorithm as an environment (deepgroebner's <c>BuchbergerEnv</c>): the state is the basis G and the
/// pair set P; a step picks a pair (i, j) of P, reduces its S-polynomial by G, and, when the remainder r ≠ 0, adds r
/// (monic) to G and updates P by <see cref="PairElimination"/>. The reward is −(1 + steps) or −1. Strategies and
/// agents drive the same code, so their counts agree by construction.
/// </summary>
public sealed class BuchbergerEnvironment<T>
{
    private readonly List<Polynomial<T>> _basis = [];
    private readonly List<int> _sugars = [];
    private readonly List<CriticalPair> _pairs = [];
    private ReducerSet<T> _reducers;
    private ReductionWorkspace<T>? _workspace;
    private readonly MonomialLayout _layout;

    /// <summary>An environment in <paramref name="ring"/> with these rules.</summary>
    public BuchbergerEnvironment(PolynomialRing<T> ring, PairElimination elimination = PairElimination.GebauerMoeller,
        bool sortReducers = true, RewardKind rewards = RewardKind.Additions)
    {
        Ring = ring;
        Elimination = elimination;
        SortReducers = sortReducers;
        Rewards = rewards;
        _layout = ring.Layout;
        _reducers = new ReducerSet<T>(ring, sortReducers);
    }

    /// <summary>The ring.</summary>
    public PolynomialRing<T> Ring { get; }

    /// <summary>The pair criteria.</summary>
    public PairElimination Elimination { get; }

    /// <summary>Whether reducers are scanned in increasing order of lead monomial.</summary>
    public bool SortReducers { get; }

    /// <summary>The reward of a step.</summary>
    public RewardKind Rewards { get; }

    /// <summary>G, in the order elements were added (monic).</summary>
    public IReadOnlyList<Polynomial<T>> Basis => _basis;

    /// <summary>P, oldest first.</summary>
    public IReadOnlyList<CriticalPair> Pairs => _pairs;

    /// <summary>Whether no pairs are left (G is a Gröbner basis).</summary>
    public bool IsDone => _pairs.Count == 0;

    /// <summary>The sugar degree of basis element <paramref name="index"/>.</summary>
    public int Sugar(int index) => _sugars[index];

    /// <summary>Counts so far.</summary>
    public BuchbergerStatistics Statistics { get; private set; } = new();

    /// <summary>Starts a computation from <paramref name="generators"/> (zeros skipped, each made monic, added in turn).</summary>
    public void Reset(IEnumerable<Polynomial<T>> generators)
    {
        _basis.Clear();
        _sugars.Clear();
        _pairs.Clear();
        _reducers = new ReducerSet<T>(Ring, SortReducers);
        Statistics = new BuchbergerStatistics();
        foreach (var f in generators)
        {
            if (!f.IsZero)
            {
                Add(f.Monic(), f.TotalDegree);
            }
        }
    }

    /// <summary>An independent copy of the current state (basis, pairs, counts), for rollouts from it.</summary>
    public BuchbergerEnvironment<T> Clone()
    {
        var copy = new BuchbergerEnvironment<T>(Ring, Elimination, SortReducers, Rewards);
        copy._basis.AddRange(_basis);
        copy._sugars.AddRange(_sugars);
        copy._pairs.AddRange(_pairs);
        for (int k = 0; k < _basis.Count; k++)
        {
            copy._reducers.Add(_basis[k], _sugars[k]);
        }
        copy.Statistics = Statistics;
        return copy;
    }

    /// <summary>
    /// The discounted return Σ γ^t r_t of finishing the computation from this state with <paramref name="strategy"/>
    /// (deepgroebner's <c>env.value(strategy)</c>, the baseline of its agent); the state is not changed.
    /// </summary>
    public double RolloutValue(PairSelection strategy, double gamma, Leibniz.Numerics.Generator? random = null)
    {
        var copy = Clone();
        double value = 0, discount = 1;
        while (!copy.IsDone)
        {
            value += discount * copy.Step(strategy.Select(copy.Pairs, Ring, random)).Reward;
            discount *= gamma;
        }
        return value;
    }

    /// <summary>Reduces pair <paramref name="pairIndex"/> of <see cref="Pairs"/>; returns the step's reward.</summary>
    /// <exception cref="OperationCanceledException">Cancelled during the reduction; the pair stays in <see cref="Pairs"/>.</exception>
    /// <exception cref="OverflowException">An exponent outgrew the layout; the pair stays in <see cref="Pairs"/>.</exception>
    public StepOutcome Step(int pairIndex, CancellationToken cancel = default)
    {
        var pair = _pairs[pairIndex];
        _workspace ??= new ReductionWorkspace<T>(Ring);
        var reduced = Reduction.ReduceSPolynomial(_basis[pair.I], _basis[pair.J], _sugars[pair.I], _sugars[pair.J], _reducers, _workspace, cancel);
        _pairs.RemoveAt(pairIndex);
        double reward = Rewards == RewardKind.Additions ? -1.0 - reduced.Steps : -1.0;
        bool nonzero = !reduced.Remainder.IsZero;
        if (nonzero)
        {
            Add(reduced.Remainder.Monic(), reduced.Sugar);
        }
        Statistics = Statistics.After(reduced.Steps, nonzero, reward, pair.Degree, _basis.Count, _pairs.Count);
        return new StepOutcome(reward, reduced.Steps, nonzero);
    }

    /// <summary>The reduced Gröbner basis of the current G: minimalized, then each element's tail reduced, monic.</summary>
    public IReadOnlyList<Polynomial<T>> ReducedBasis() => BasisReduction.Reduce(_basis);

    private void Add(Polynomial<T> f, int sugar)
    {
        UpdatePairs(f, sugar);
        _basis.Add(f);
        _sugars.Add(sugar);
        _reducers.Add(f, sugar);
    }

    // deepgroebner's update(G, P, f, strategy): the new pairs (i, m) for m = |G|, filtered by the criteria.
    private void UpdatePairs(Polynomial<T> f, int sugarF)
    {
        int m = _basis.Count;
        var lmf = f.LeadMonomial;
        int stride = _layout.Stride;
        var fresh = new List<CriticalPair>();
        switch (Elimination)
        {
            case PairElimination.None:
                for (int i = 0; i < m; i++)
                {
                    fresh.Add(MakePair(i, m, f, sugarF));
                }
                break;
            case PairElimination.Lcm:
                for (int i = 0; i < m; i++)
                {
                    if (!_layout.Coprime(_basis[i].LeadMonomial, lmf))
                    {
                        fresh.Add(MakePair(i, m, f, sugarF));
                    }
                }
                break;
            case PairElimination.GebauerMoeller:
            {
                // The chain criterion on old pairs: drop (i, j) when lm f | lcm(i, j) and lcm(i, j) differs from both
                // lcm(i, f) and lcm(j, f).
                _pairs.RemoveAll(p => _layout.Divides(f.LeadMonomial, p.Lcm)
                    && !_layout.LcmEquals(_basis[p.I].LeadMonomial, f.LeadMonomial, p.Lcm)
                    && !_layout.LcmEquals(_basis[p.J].LeadMonomial, f.LeadMonomial, p.Lcm));
                // Group the new pairs by lcm(lm gᵢ, lm f), sorted by total degree and then by exponents (a proper
                // divisor of an lcm comes before it, equal lcms side by side, each group in increasing i), and keep
                // the first pair of each group whose lcm no kept smaller lcm divides and none of whose members has a
                // lead monomial coprime to lm f. The lcms' keys are not needed until a pair is made.
                var lcms = new ulong[m * stride];
                var degrees = new int[m];
                var order = new int[m];
                for (int i = 0; i < m; i++)
                {
                    var lcm = lcms.AsSpan(i * stride, stride);
                    _layout.LcmExponents(_basis[i].LeadMonomial, lmf, lcm);
                    degrees[i] = _layout.Degree(lcm);
                    order[i] = i;
                }
                // Insertion sort: stable, and the fastest for the short lists one update adds.
                for (int a = 1; a < m; a++)
                {
                    int item = order[a], b = a - 1;
                    while (b >= 0 && CompareLcms(lcms, degrees, order[b], item, stride) > 0)
                    {
                        order[b + 1] = order[b];
                        b--;
                    }
                    order[b + 1] = item;
                }
                var minimal = new List<int>();
                for (int start = 0; start < m;)
                {
                    int end = start + 1;
                    var lcm = lcms.AsSpan(order[start] * stride, stride);
                    while (end < m && _layout.SameExponents(lcms.AsSpan(order[end] * stride, stride), lcm))
                    {
                        end++;
                    }
                    bool divisible = false;
                    foreach (int smaller in minimal)
                    {
                        if (_layout.Divides(lcms.AsSpan(smaller * stride, stride), lcm))
                        {
                            divisible = true;
                            break;
                        }
                    }
                    if (!divisible)
                    {
                        minimal.Add(order[start]);
                        bool coprime = false;
                        for (int k = start; k < end; k++)
                        {
                            coprime |= _layout.Coprime(_basis[order[k]].LeadMonomial, lmf);
                        }
                        if (!coprime)
                        {
                            fresh.Add(MakePair(order[start], m, f, sugarF));
                        }
                    }
                    start = end;
                }
                fresh.Sort((a, b) => a.I.CompareTo(b.I));
                break;
            }
        }
        _pairs.AddRange(fresh);
    }

    /// <summary>Orders the lcms of new pairs x and y by total degree, then by their exponent words.</summary>
    private int CompareLcms(ulong[] lcms, int[] degrees, int x, int y, int stride)
    {
        if (degrees[x] != degrees[y])
        {
            return degrees[x].CompareTo(degrees[y]);
        }
        for (int w = _layout.KeyWords; w < stride; w++)
        {
            ulong a = lcms[x * stride + w], b = lcms[y * stride + w];
            if (a != b)
            {
                return a.CompareTo(b);
            }
        }
        return 0;
    }

    private CriticalPair MakePair(int i, int j, Polynomial<T> fj, int sugarJ)
    {
        int stride = _layout.Stride;
        var lcm = new ulong[stride];
        var gi = _basis[i];
        _layout.Lcm(gi.LeadMonomial, fj.LeadMonomial, lcm);
        Span<ulong> q = stackalloc ulong[stride];
        _layout.Divide(lcm, gi.LeadMonomial, q);
        int si = _sugars[i] + _layout.Degree(q);
        _layout.Divide(lcm, fj.LeadMonomial, q);
        int sj = sugarJ + _layout.Degree(q);
        return new CriticalPair(i, j, lcm, _layout.Degree(lcm), Math.Max(si, sj));
    }
}

/// <summary>The result of one step: its reward, the reduction steps, and whether the remainder joined the basis.</summary>
public readonly record struct StepOutcome(double Reward, int Steps, bool NewElement);
