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
