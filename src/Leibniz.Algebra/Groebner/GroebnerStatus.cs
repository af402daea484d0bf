namespace Leibniz.Algebra.Groebner;

/// <summary>How a Gröbner basis computation ended.</summary>
public enum GroebnerStatus
{
    /// <summary>All pairs were reduced: the basis is a Gröbner basis.</summary>
    Complete,

    /// <summary>The time budget ran out; the basis is partial.</summary>
    TimedOut,

    /// <summary>The memory budget ran out; the basis is partial.</summary>
    MemoryLimit,

    /// <summary>The caller cancelled (Ctrl-C); the basis is partial.</summary>
    Cancelled,

    /// <summary>An exponent or weighted degree outgrew 32767, the largest the packed monomials hold; the basis is partial.</summary>
    ExponentLimit,
}
