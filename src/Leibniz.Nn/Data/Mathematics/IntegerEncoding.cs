namespace Leibniz.Data.Mathematics;

/// <summary>How an integer is presented to a network.</summary>
public enum IntegerEncoding
{
    /// <summary>Binary digits, least significant first.</summary>
    Binary,

    /// <summary>Decimal digits, least significant first, each one-hot over 10.</summary>
    Decimal,

    /// <summary>n mod p for the first k primes p, each one-hot over p.</summary>
    Residues,
}

/// <summary>How a permutation σ ∈ S_n is presented to a network.</summary>
public enum PermutationEncoding
{
    /// <summary>The n×n permutation matrix, flattened: row i one-hot at σ(i).</summary>
    OneHot,

    /// <summary>The sequence σ(0), …, σ(n−1).</summary>
    Sequence,
}
