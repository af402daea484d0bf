namespace Leibniz.Algebra.Groebner;

/// <summary>
/// How <see cref="Buchberger"/> runs: the selection strategy, the pair criteria, whether reducers are scanned in
/// increasing lead monomial, the reward counted, the seed of a random strategy, and the limits that stop it cleanly
/// (a time budget, a memory budget, a cancellation token), with a callback for live statistics.
/// </summary>
public sealed record GroebnerOptions
{
    /// <summary>The selection strategy (default sugar, then normal: what Singular's std uses).</summary>
    public PairSelection Selection { get; init; } = new(SelectionCriterion.Sugar);

    /// <summary>The pair criteria (default Gebauer–Möller).</summary>
    public PairElimination Elimination { get; init; } = PairElimination.GebauerMoeller;

    /// <summary>Whether reducers are tried in increasing order of lead monomial (deepgroebner's <c>sort_reducers</c>).</summary>
    public bool SortReducers { get; init; } = true;

    /// <summary>Whether the generators are sorted by increasing lead monomial before the run (deepgroebner's <c>sort_input</c>).</summary>
    public bool SortInput { get; init; }

    /// <summary>
    /// Whether, in an order that does not refine the total degree (lex, elimination, block), an inhomogeneous ideal is
    /// computed through its homogenization (<see cref="Homogenization"/>) and the result dehomogenized.
    /// </summary>
    public bool HomogenizeNonDegreeOrders { get; init; } = true;

    /// <summary>The reward counted per pair.</summary>
    public RewardKind Rewards { get; init; } = RewardKind.Additions;

    /// <summary>The seed of a random strategy.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The longest the run may take; null for no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The most bytes the process's managed heap may hold before the run stops; null for no limit.</summary>
    public long? MaxMemoryBytes { get; init; }

    /// <summary>Stops the run at the next pair when cancelled.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Called with the counts so far about every <see cref="ProgressInterval"/>.</summary>
    public Action<BuchbergerStatistics>? Progress { get; init; }

    /// <summary>How often <see cref="Progress"/> is called.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// A token source linked to <see cref="Cancellation"/> that also cancels when <see cref="Timeout"/> has passed
    /// (at once for a budget of zero or less, so that such a run deterministically does no work).
    /// </summary>
    internal CancellationTokenSource StartLimits()
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        if (Timeout is { } limit)
        {
            if (limit <= TimeSpan.Zero)
            {
                stop.Cancel();
            }
            else
            {
                stop.CancelAfter(limit);
            }
        }
        return stop;
    }
}
