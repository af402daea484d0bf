namespace Leibniz.Graphs.Conjectures;

/// <summary>Where an expression's invariants come from: plain numbers for the search, intervals for certificates.</summary>
/// <typeparam name="T">double or <see cref="Interval"/>.</typeparam>
public interface IInvariantSource<T>
    where T : struct
{
    /// <summary>The value of a scalar invariant.</summary>
    T Scalar(GraphInvariant invariant);

    /// <summary>The k-th entry (1-based, largest first) of a spectrum, or null when k is outside 1 … n.</summary>
    T? Entry(GraphInvariant invariant, int k);
}

/// <summary>A node of a parsed arithmetic expression over graph invariants.</summary>
public abstract record Expression
{
    /// <summary>The value, with invariants taken from <paramref name="source"/>; NaN when undefined.</summary>
    public abstract double Evaluate(IInvariantSource<double> source);

    /// <summary>An interval containing the exact value; null when it cannot be bounded (for example an index that is not pinned down).</summary>
    public abstract Interval? Bound(IInvariantSource<Interval> source);

    /// <summary>The invariants the expression mentions.</summary>
    public abstract IEnumerable<GraphInvariant> Invariants();
}

/// <summary>A number written in the text.</summary>
public sealed record NumberExpression(double Value) : Expression
{
    /// <inheritdoc/>
    public override double Evaluate(IInvariantSource<double> source) => Value;

    /// <inheritdoc/>
    public override Interval? Bound(IInvariantSource<Interval> source) =>
        Value == Math.Round(Value) ? Interval.Exact(Value) : new Interval(Math.BitDecrement(Value), Math.BitIncrement(Value));

    /// <inheritdoc/>
    public override IEnumerable<GraphInvariant> Invariants() => [];

    /// <inheritdoc/>
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A scalar invariant such as <c>lambda1</c> or <c>mu</c>.</summary>
public sealed record InvariantExpression(GraphInvariant Invariant) : Expression
{
    /// <inheritdoc/>
    public override double Evaluate(IInvariantSource<double> source) => source.Scalar(Invariant);

    /// <inheritdoc/>
    public override Interval? Bound(IInvariantSource<Interval> source) => source.Scalar(Invariant);

    /// <inheritdoc/>
    public override IEnumerable<GraphInvariant> Invariants() => [Invariant];

    /// <inheritdoc/>
    public override string ToString() => Invariant.Name;
}

/// <summary>An entry of a spectrum, <c>dist_eig[k]</c>; the index is rounded down to an integer.</summary>
public sealed record IndexExpression(GraphInvariant Invariant, Expression Index) : Expression
{
    /// <inheritdoc/>
    public override double Evaluate(IInvariantSource<double> source)
    {
        double k = Index.Evaluate(source);
        if (!double.IsFinite(k) || k != Math.Floor(k) || k < int.MinValue || k > int.MaxValue)
        {
            return double.NaN;
        }
        return source.Entry(Invariant, (int)k) ?? double.NaN;
    }

    /// <inheritdoc/>
    public override Interval? Bound(IInvariantSource<Interval> source)
    {
        var k = Index.Bound(source);
        if (k is not { IsExact: true } exact || exact.Lo != Math.Floor(exact.Lo) || Math.Abs(exact.Lo) > int.MaxValue)
        {
            return null;
        }
        return source.Entry(Invariant, (int)exact.Lo);
    }

    /// <inheritdoc/>
    public override IEnumerable<GraphInvariant> Invariants() => [Invariant, .. Index.Invariants()];

    /// <inheritdoc/>
    public override string ToString() => $"{Invariant.Name}[{Index}]";
}

/// <summary>A binary operation + − * / ^.</summary>
public sealed record BinaryExpression(char Operator, Expression Left, Expression Right) : Expression
{
    /// <inheritdoc/>
    public override double Evaluate(IInvariantSource<double> source)
    {
        double a = Left.Evaluate(source), b = Right.Evaluate(source);
        return Operator switch
        {
            '+' => a + b,
            '-' => a - b,
            '*' => a * b,
            '/' => a / b,
            _ => Math.Pow(a, b),
        };
    }

    /// <inheritdoc/>
    public override Interval? Bound(IInvariantSource<Interval> source)
    {
        if (Left.Bound(source) is not { } a || Right.Bound(source) is not { } b)
        {
            return null;
        }
        return Operator switch
        {
            '+' => a + b,
            '-' => a - b,
            '*' => a * b,
            '/' => a / b,
            _ => Power(a, b),
        };
    }

    /// <inheritdoc/>
    public override IEnumerable<GraphInvariant> Invariants() => [.. Left.Invariants(), .. Right.Invariants()];

    /// <inheritdoc/>
    public override string ToString() => $"({Left} {Operator} {Right})";

    private static Interval? Power(Interval a, Interval b)
    {
        // Only a fixed non-negative integer exponent is bounded: repeated multiplication.
        if (!b.IsExact || b.Lo != Math.Floor(b.Lo) || b.Lo < 0 || b.Lo > 64)
        {
            return null;
        }
        var result = Interval.Exact(1);
        for (int i = 0; i < (int)b.Lo; i++)
        {
            result *= a;
        }
        return result;
    }
}

/// <summary>Unary minus.</summary>
public sealed record NegateExpression(Expression Operand) : Expression
{
    /// <inheritdoc/>
    public override double Evaluate(IInvariantSource<double> source) => -Operand.Evaluate(source);

    /// <inheritdoc/>
    public override Interval? Bound(IInvariantSource<Interval> source) => Operand.Bound(source) is { } a ? -a : null;

    /// <inheritdoc/>
    public override IEnumerable<GraphInvariant> Invariants() => Operand.Invariants();

    /// <inheritdoc/>
    public override string ToString() => $"-{Operand}";
}

/// <summary>A function call: sqrt, floor, ceil, abs, log, exp (one argument), min, max (two).</summary>
public sealed record CallExpression(string Function, Expression[] Arguments) : Expression
{
    /// <summary>The functions and their argument counts.</summary>
    public static IReadOnlyDictionary<string, int> Functions { get; } = new Dictionary<string, int>
    {
        ["sqrt"] = 1, ["floor"] = 1, ["ceil"] = 1, ["abs"] = 1, ["log"] = 1, ["exp"] = 1, ["min"] = 2, ["max"] = 2,
    };

    /// <inheritdoc/>
    public override double Evaluate(IInvariantSource<double> source)
    {
        double a = Arguments[0].Evaluate(source);
        return Function switch
        {
            "sqrt" => Math.Sqrt(a),
            "floor" => Math.Floor(a),
            "ceil" => Math.Ceiling(a),
            "abs" => Math.Abs(a),
            "log" => Math.Log(a),
            "exp" => Math.Exp(a),
            "min" => Math.Min(a, Arguments[1].Evaluate(source)),
            _ => Math.Max(a, Arguments[1].Evaluate(source)),
        };
    }

    /// <inheritdoc/>
    public override Interval? Bound(IInvariantSource<Interval> source)
    {
        if (Arguments[0].Bound(source) is not { } a)
        {
            return null;
        }
        if (Arguments.Length == 2)
        {
            if (Arguments[1].Bound(source) is not { } b)
            {
                return null;
            }
            return Function == "min" ? Interval.Min(a, b) : Interval.Max(a, b);
        }
        return Function switch
        {
            "sqrt" => a.Lo < 0 ? null : Interval.Sqrt(a),
            "floor" => Interval.Floor(a),
            "ceil" => Interval.Ceiling(a),
            "abs" => Interval.Abs(a),
            "log" => a.Lo <= 0 ? null : Interval.Monotone(a, Math.Log),
            _ => Interval.Monotone(a, Math.Exp),
        };
    }

    /// <inheritdoc/>
    public override IEnumerable<GraphInvariant> Invariants() => Arguments.SelectMany(a => a.Invariants());

    /// <inheritdoc/>
    public override string ToString() => $"{Function}({string.Join(", ", Arguments.Select(a => a.ToString()))})";
}
