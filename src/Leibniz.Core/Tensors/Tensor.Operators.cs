namespace Leibniz.Tensors;

public sealed partial class Tensor
{
    /// <summary>Elementwise sum with broadcasting.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Add(a, b);

    /// <summary>Adds a scalar.</summary>
    public static Tensor operator +(Tensor a, double b) => Add(a, ScalarLike(b, a));

    /// <summary>Adds a scalar.</summary>
    public static Tensor operator +(double a, Tensor b) => Add(ScalarLike(a, b), b);

    /// <summary>Elementwise difference with broadcasting.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Sub(a, b);

    /// <summary>Subtracts a scalar.</summary>
    public static Tensor operator -(Tensor a, double b) => Sub(a, ScalarLike(b, a));

    /// <summary>A scalar minus a tensor.</summary>
    public static Tensor operator -(double a, Tensor b) => Sub(ScalarLike(a, b), b);

    /// <summary>Negation.</summary>
    public static Tensor operator -(Tensor a) => a.Neg();

    /// <summary>Elementwise product with broadcasting.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Mul(a, b);

    /// <summary>Multiplies by a scalar.</summary>
    public static Tensor operator *(Tensor a, double b) => Mul(a, ScalarLike(b, a));

    /// <summary>Multiplies by a scalar.</summary>
    public static Tensor operator *(double a, Tensor b) => Mul(ScalarLike(a, b), b);

    /// <summary>Elementwise quotient with broadcasting.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => Div(a, b);

    /// <summary>Divides by a scalar.</summary>
    public static Tensor operator /(Tensor a, double b) => Div(a, ScalarLike(b, a));

    /// <summary>A scalar divided by a tensor.</summary>
    public static Tensor operator /(double a, Tensor b) => Div(ScalarLike(a, b), b);
}
