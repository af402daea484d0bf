namespace Leibniz.Data.Mathematics;

/// <summary>Arithmetic operations of the modular tables.</summary>
public enum ModularOperation
{
    Add,
    Subtract,
    Multiply,
    Divide,
}

/// <summary>Arithmetic in the field Z/pZ.</summary>
public static class ModularArithmetic
{
    /// <summary>a ∘ b mod p; division is a·b^(p−2) mod p by Fermat's little theorem (p prime, b ≠ 0).</summary>
    public static int Apply(ModularOperation operation, int a, int b, int p) => operation switch
    {
        ModularOperation.Add => (a + b) % p,
        ModularOperation.Subtract => ((a - b) % p + p) % p,
        ModularOperation.Multiply => (int)((long)a * b % p),
        _ => (int)((long)a * Power(b, p - 2, p) % p),
    };

    /// <summary>bᵉ mod m by repeated squaring.</summary>
    public static long Power(long b, long e, long m)
    {
        long result = 1;
        b %= m;
        for (; e > 0; e >>= 1, b = b * b % m)
        {
            if ((e & 1) == 1)
            {
                result = result * b % m;
            }
        }
        return result;
    }
}
