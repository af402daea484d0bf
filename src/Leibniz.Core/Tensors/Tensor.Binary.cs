using Leibniz.Tensors.Kernels;

namespace Leibniz.Tensors;

public sealed partial class Tensor
{
    /// <summary>Converts both operands to their common dtype (recorded, so gradients reach mixed-precision inputs).</summary>
    private static (Tensor A, Tensor B) Promoted(Tensor a, Tensor b, string op)
    {
        var dtype = DTypes.Promote(a.DType, b.DType);
        if (dtype == DType.Bool)
        {
            throw new InvalidOperationException($"{op} is not defined on bool tensors; convert them with .To(DType.Int64) or use And/Or.");
        }
        return (a.To(dtype), b.To(dtype));
    }

    /// <summary>The scalar as a tensor that does not change <paramref name="like"/>'s dtype (integers become float when fractional).</summary>
    private static Tensor ScalarLike(double value, Tensor like)
    {
        var dtype = like.DType;
        if (!dtype.IsFloating() && value != Math.Floor(value))
        {
            dtype = DefaultDType;
        }
        return Scalar(value, dtype == DType.Bool ? DType.Int64 : dtype);
    }

    private static Tensor BinaryRaw<TOp>(Tensor a, Tensor b, string op) where TOp : IBinaryOp
    {
        int[] shape = ShapeHelper.Broadcast(a._shape, b._shape, op);
        var result = Uninitialized(shape, a.DType);
        switch (a.DType)
        {
            case DType.Float32: TensorKernels.Binary<float, TOp>(a, b, result.Data<float>(), shape); break;
            case DType.Float64: TensorKernels.Binary<double, TOp>(a, b, result.Data<double>(), shape); break;
            case DType.Int32: TensorKernels.Binary<int, TOp>(a, b, result.Data<int>(), shape); break;
            default: TensorKernels.Binary<long, TOp>(a, b, result.Data<long>(), shape); break;
        }
        return result;
    }

    /// <summary><c>a + b</c> with broadcasting; gradients <c>g</c>, <c>g</c> summed back to each shape.</summary>
    public static Tensor Add(Tensor a, Tensor b)
    {
        (a, b) = Promoted(a, b, nameof(Add));
        var y = BinaryRaw<AddOp>(a, b, nameof(Add));
        return (NeedsGrad(a, b) ? y.Record(nameof(Add), [a, b], g => [g.SumTo(a._shape), g.SumTo(b._shape)]) : y)
            .Jvp(a, b, (ta, tb) => TangentSum(ta, tb));
    }

    /// <summary><c>a − b</c> with broadcasting; gradients <c>g</c>, <c>−g</c>.</summary>
    public static Tensor Sub(Tensor a, Tensor b)
    {
        (a, b) = Promoted(a, b, nameof(Sub));
        var y = BinaryRaw<SubOp>(a, b, nameof(Sub));
        return (NeedsGrad(a, b)
            ? y.Record(nameof(Sub), [a, b], g => [g.SumTo(a._shape), b.RequiresGrad ? g.Neg().SumTo(b._shape) : null])
            : y).Jvp(a, b, (ta, tb) => tb is null ? ta : ta is null ? tb.Neg() : ta - tb);
    }

    /// <summary><c>a · b</c> elementwise with broadcasting; gradients <c>g·b</c>, <c>g·a</c>.</summary>
    public static Tensor Mul(Tensor a, Tensor b)
    {
        (a, b) = Promoted(a, b, nameof(Mul));
        var y = BinaryRaw<MulOp>(a, b, nameof(Mul));
        return (NeedsGrad(a, b)
            ? y.Record(nameof(Mul), [a, b], g => [
                a.RequiresGrad ? (g * b).SumTo(a._shape) : null,
                b.RequiresGrad ? (g * a).SumTo(b._shape) : null], a, b)
            : y).Jvp(a, b, (ta, tb) => TangentSum(ta is null ? null : ta * b, tb is null ? null : a * tb));
    }

    /// <summary><c>a / b</c> with broadcasting; gradients <c>g / b</c>, <c>−g·a / b²</c>.</summary>
    public static Tensor Div(Tensor a, Tensor b)
    {
        (a, b) = Promoted(a, b, nameof(Div));
        var y = BinaryRaw<DivOp>(a, b, nameof(Div));
        return (NeedsGrad(a, b)
            ? y.Record(nameof(Div), [a, b], g => [
                a.RequiresGrad ? (g / b).SumTo(a._shape) : null,
                b.RequiresGrad ? (-(g * a) / b.Square()).SumTo(b._shape) : null], a, b)
            : y).Jvp(a, b, (ta, tb) => TangentSum(ta is null ? null : ta / b, tb is null ? null : -(tb * a) / b.Square()));
    }

    /// <summary><c>aᵇ</c> with broadcasting; gradients <c>g·b·aᵇ⁻¹</c>, <c>g·aᵇ·ln a</c>.</summary>
    public Tensor Pow(Tensor exponent)
    {
        var (a, b) = Promoted(this, exponent, nameof(Pow));
        a.RequireFloat(nameof(Pow));
        var y = BinaryRaw<PowOp>(a, b, nameof(Pow));
        return (NeedsGrad(a, b)
            ? y.Record(nameof(Pow), [a, b], g => [
                a.RequiresGrad ? (g * b * a.Pow(b - 1.0)).SumTo(a._shape) : null,
                b.RequiresGrad ? (g * y * a.Log()).SumTo(b._shape) : null], a, b)
            : y).Jvp(a, b, (ta, tb) => TangentSum(ta is null ? null : ta * b * a.Pow(b - 1.0), tb is null ? null : tb * y * a.Log()));
    }

    /// <summary>Elementwise maximum; the gradient goes to the larger input, split equally on ties.</summary>
    public Tensor Maximum(Tensor other) => Extremum(this, other, max: true);

    /// <summary>Elementwise minimum; the gradient goes to the smaller input, split equally on ties.</summary>
    public Tensor Minimum(Tensor other) => Extremum(this, other, max: false);

    private static Tensor Extremum(Tensor a, Tensor b, bool max)
    {
        string name = max ? nameof(Maximum) : nameof(Minimum);
        (a, b) = Promoted(a, b, name);
        var y = max ? BinaryRaw<MaxOp>(a, b, name) : BinaryRaw<MinOp>(a, b, name);
        y.Jvp(a, b, (ta, tb) =>
        {
            var share = (max ? a.Gt(b) : a.Lt(b)).To(y.DType) + a.Eq(b).To(y.DType) * 0.5;
            return TangentSum(ta is null ? null : ta * share, tb is null ? null : tb * (1.0 - share));
        });
        if (!NeedsGrad(a, b))
        {
            return y;
        }
        return y.Record(name, [a, b], g =>
        {
            Tensor share;
            using (Autograd.GradMode.NoGrad())
            {
                var wins = max ? a.Gt(b) : a.Lt(b);
                share = wins.To(g.DType) + a.Eq(b).To(g.DType) * 0.5;
            }
            return [
                a.RequiresGrad ? (g * share).SumTo(a._shape) : null,
                b.RequiresGrad ? (g * (1.0 - share)).SumTo(b._shape) : null];
        }, a, b);
    }

    private static Tensor CompareRaw<TOp>(Tensor a, Tensor b, string op) where TOp : ICompareOp
    {
        if (a.DType == DType.Bool && b.DType == DType.Bool)
        {
            (a, b) = (a.To(DType.Int32), b.To(DType.Int32));
        }
        else
        {
            (a, b) = Promoted(a.Detach(), b.Detach(), op);
        }
        int[] shape = ShapeHelper.Broadcast(a._shape, b._shape, op);
        var result = Uninitialized(shape, DType.Bool);
        var d = result.Data<bool>();
        switch (a.DType)
        {
            case DType.Float32: TensorKernels.Compare<float, TOp>(a, b, d, shape); break;
            case DType.Float64: TensorKernels.Compare<double, TOp>(a, b, d, shape); break;
            case DType.Int32: TensorKernels.Compare<int, TOp>(a, b, d, shape); break;
            default: TensorKernels.Compare<long, TOp>(a, b, d, shape); break;
        }
        return result;
    }

    /// <summary>Elementwise <c>a == b</c> as a bool mask.</summary>
    public Tensor Eq(Tensor other) => CompareRaw<EqOp>(this, other, nameof(Eq));

    /// <summary>Elementwise <c>a != b</c> as a bool mask.</summary>
    public Tensor Ne(Tensor other) => CompareRaw<NeOp>(this, other, nameof(Ne));

    /// <summary>Elementwise <c>a &lt; b</c> as a bool mask.</summary>
    public Tensor Lt(Tensor other) => CompareRaw<LtOp>(this, other, nameof(Lt));

    /// <summary>Elementwise <c>a ≤ b</c> as a bool mask.</summary>
    public Tensor Le(Tensor other) => CompareRaw<LeOp>(this, other, nameof(Le));

    /// <summary>Elementwise <c>a &gt; b</c> as a bool mask.</summary>
    public Tensor Gt(Tensor other) => CompareRaw<GtOp>(this, other, nameof(Gt));

    /// <summary>Elementwise <c>a ≥ b</c> as a bool mask.</summary>
    public Tensor Ge(Tensor other) => CompareRaw<GeOp>(this, other, nameof(Ge));

    /// <summary>Elementwise <c>a == value</c>.</summary>
    public Tensor Eq(double value) => Eq(ScalarLike(value, this));

    /// <summary>Elementwise <c>a != value</c>.</summary>
    public Tensor Ne(double value) => Ne(ScalarLike(value, this));

    /// <summary>Elementwise <c>a &lt; value</c>.</summary>
    public Tensor Lt(double value) => Lt(ScalarLike(value, this));

    /// <summary>Elementwise <c>a ≤ value</c>.</summary>
    public Tensor Le(double value) => Le(ScalarLike(value, this));

    /// <summary>Elementwise <c>a &gt; value</c>.</summary>
    public Tensor Gt(double value) => Gt(ScalarLike(value, this));

    /// <summary>Elementwise <c>a ≥ value</c>.</summary>
    public Tensor Ge(double value) => Ge(ScalarLike(value, this));

    /// <summary>Elementwise logical and of two bool masks.</summary>
    public Tensor And(Tensor other) => Logical(this, other, nameof(And), (x, y) => x && y);

    /// <summary>Elementwise logical or of two bool masks.</summary>
    public Tensor Or(Tensor other) => Logical(this, other, nameof(Or), (x, y) => x || y);

    /// <summary>Elementwise logical not of a bool mask.</summary>
    public Tensor Not() => Logical(this, Scalar(1, DType.Bool), nameof(Not), (x, _) => !x);

    private static Tensor Logical(Tensor a, Tensor b, string op, Func<bool, bool, bool> f)
    {
        if (a.DType != DType.Bool || b.DType != DType.Bool)
        {
            throw new InvalidOperationException($"{op} needs bool tensors; got {a.DType.Name()} and {b.DType.Name()}. Compare first (e.g. t.Gt(0)).");
        }
        int[] shape = ShapeHelper.Broadcast(a._shape, b._shape, op);
        var ac = a.Expand(shape).Contiguous();
        var bc = b.Expand(shape).Contiguous();
        var result = Empty(DType.Bool, shape);
        var d = result.Data<bool>();
        var x = ac.Data<bool>();
        var y = bc.Data<bool>();
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = f(x[ac._offset + i], y[bc._offset + i]);
        }
        return result;
    }

    /// <summary>
    /// <c>condition ? a : b</c> elementwise with broadcasting; gradients <c>g</c> where chosen, 0 elsewhere.
    /// </summary>
    /// <exception cref="ArgumentException">The condition is not a bool tensor.</exception>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b)
    {
        if (condition.DType != DType.Bool)
        {
            throw new ArgumentException($"Where: the condition must be a bool tensor, got {condition.DType.Name()}.", nameof(condition));
        }
        (a, b) = Promoted(a, b, nameof(Where));
        int[] shape = ShapeHelper.Broadcast(ShapeHelper.Broadcast(condition._shape, a._shape, nameof(Where)), b._shape, nameof(Where));
        var result = Empty(a.DType, shape);
        switch (a.DType)
        {
            case DType.Float32: TensorKernels.Where(condition, a, b, result.Data<float>(), shape); break;
            case DType.Float64: TensorKernels.Where(condition, a, b, result.Data<double>(), shape); break;
            case DType.Int32: TensorKernels.Where(condition, a, b, result.Data<int>(), shape); break;
            default: TensorKernels.Where(condition, a, b, result.Data<long>(), shape); break;
        }
        result.Jvp(a, b, (ta, tb) => Where(condition, ta ?? Scalar(0, result.DType), tb ?? Scalar(0, result.DType)));
        if (!NeedsGrad(a, b))
        {
            return result;
        }
        return result.Record(nameof(Where), [a, b], g =>
        {
            var zero = Scalar(0, g.DType);
            return [
                a.RequiresGrad ? Where(condition, g, zero).SumTo(a._shape) : null,
                b.RequiresGrad ? Where(condition, zero, g).SumTo(b._shape) : null];
        });
    }
}
