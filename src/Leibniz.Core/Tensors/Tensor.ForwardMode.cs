using System.Runtime.CompilerServices;
using Leibniz.Autograd;

namespace Leibniz.Tensors;

public sealed partial class Tensor
{
    private Tensor? _tangent;
    private int _tangentLevel;

    internal Tensor? TangentAt(int level) => _tangentLevel == level ? _tangent : null;

    internal void SetTangent(int level, Tensor? tangent)
    {
        _tangent = tangent;
        _tangentLevel = level;
    }

    /// <summary>Sets this output's tangent to <c>rule(ẋ)</c> when forward mode is on and x has a tangent; returns this.</summary>
    internal Tensor Jvp(Tensor x, Func<Tensor, Tensor> rule, [CallerMemberName] string op = "")
    {
        if (!ForwardAD.IsActive || ForwardAD.Tangent(x) is not { } tx)
        {
            return this;
        }
        Tensor tangent;
        using (ForwardAD.Rule())
        {
            tangent = rule(tx);
        }
        ForwardAD.Tape?.Add(new TangentRule(op, this, [x], t => t[0] is { } tx1 ? rule(tx1) : null));
        return WithTangent(tangent);
    }

    /// <summary>Sets this output's tangent to <c>rule(ȧ, ḃ)</c> (null for a zero tangent) when a or b has one; returns this.</summary>
    internal Tensor Jvp(Tensor a, Tensor b, Func<Tensor?, Tensor?, Tensor?> rule, [CallerMemberName] string op = "")
    {
        if (!ForwardAD.IsActive)
        {
            return this;
        }
        var ta = ForwardAD.Tangent(a);
        var tb = ForwardAD.Tangent(b);
        if (ta is null && tb is null)
        {
            return this;
        }
        Tensor? tangent;
        using (ForwardAD.Rule())
        {
            tangent = rule(ta, tb);
        }
        ForwardAD.Tape?.Add(new TangentRule(op, this, [a, b], t => rule(t[0], t[1])));
        return tangent is null ? this : WithTangent(tangent);
    }

    /// <summary>Sets this output's tangent from the tangents of all <paramref name="inputs"/> (null entries are zero); returns this.</summary>
    internal Tensor Jvp(IReadOnlyList<Tensor> inputs, Func<Tensor?[], Tensor?> rule, [CallerMemberName] string op = "")
    {
        if (!ForwardAD.IsActive)
        {
            return this;
        }
        var tangents = new Tensor?[inputs.Count];
        bool any = false;
        for (int i = 0; i < tangents.Length; i++)
        {
            tangents[i] = ForwardAD.Tangent(inputs[i]);
            any |= tangents[i] is not null;
        }
        if (!any)
        {
            return this;
        }
        Tensor? tangent;
        using (ForwardAD.Rule())
        {
            tangent = rule(tangents);
        }
        ForwardAD.Tape?.Add(new TangentRule(op, this, [.. inputs], rule));
        return tangent is null ? this : WithTangent(tangent);
    }

    /// <summary>ẋ + ẏ where a null tangent is zero.</summary>
    internal static Tensor? TangentSum(Tensor? x, Tensor? y) => x is null ? y : y is null ? x : x + y;

    private Tensor WithTangent(Tensor tangent)
    {
        SetTangent(ForwardAD.CurrentLevel, FitTangent(tangent));
        return this;
    }

    /// <summary>A rule's result as this output's tangent: broadcast to its shape and converted to its dtype.</summary>
    internal Tensor FitTangent(Tensor tangent)
    {
        if (!ShapeHelper.SameShape(tangent._shape, _shape))
        {
            tangent = tangent.Expand(_shape);
        }
        return tangent.DType == DType ? tangent : tangent.To(DType);
    }
}

/// <summary>One recorded tangent rule of the op <c>Op</c>: <c>Output</c>'s tangent from the tangents of <c>Inputs</c> (null for zero).</summary>
internal sealed record TangentRule(string Op, Tensor Output, Tensor[] Inputs, Func<Tensor?[], Tensor?> Rule);
