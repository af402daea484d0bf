using System.Text;
using Leibniz.Algebra.Fields;

namespace Leibniz.Algebra.Polynomials;

/// <summary>
/// The ring K[x₁, …, x_n] with a coefficient field K (<see cref="IField{T}"/>), named variables and a
/// <see cref="MonomialOrder"/>; makes, parses and prints its polynomials.
/// </summary>
public sealed class PolynomialRing<T>
{
    private readonly Dictionary<string, int> _index;

    /// <summary>The ring in <paramref name="variables"/> over <paramref name="field"/>, ordered by <paramref name="order"/>.</summary>
    /// <exception cref="ArgumentException">No variables, a repeated or malformed name, or an order for another number of variables.</exception>
    public PolynomialRing(IReadOnlyList<string> variables, IField<T> field, MonomialOrder order)
    {
        if (variables.Count == 0)
        {
            throw new ArgumentException("a polynomial ring needs at least one variable.", nameof(variables));
        }
        if (order.VariableCount != variables.Count)
        {
            throw new ArgumentException($"the order {order} is for {order.VariableCount} variables, but the ring has {variables.Count}.", nameof(order));
        }
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < variables.Count; i++)
        {
            var name = variables[i];
            if (!IsIdentifier(name))
            {
                throw new ArgumentException($"'{name}' is not a variable name: use a letter followed by letters, digits or underscores.", nameof(variables));
            }
            if (!_index.TryAdd(name, i))
            {
                throw new ArgumentException($"the variable '{name}' is named twice.", nameof(variables));
            }
        }
        Variables = variables.ToArray();
        Field = field;
        Order = order;
        Layout = new MonomialLayout(order);
        Zero = new Polynomial<T>(this, [], []);
        One = Constant(field.One);
    }

    /// <summary>The variable names, x₁ first (the largest in every order here).</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>n.</summary>
    public int VariableCount => Variables.Count;

    /// <summary>The coefficient field.</summary>
    public IField<T> Field { get; }

    /// <summary>The monomial order.</summary>
    public MonomialOrder Order { get; }

    /// <summary>How monomials are packed.</summary>
    public MonomialLayout Layout { get; }

    /// <summary>0.</summary>
    public Polynomial<T> Zero { get; }

    /// <summary>1.</summary>
    public Polynomial<T> One { get; }

    /// <summary>The index of a variable, or −1.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : -1;

    /// <summary>The constant <paramref name="c"/>.</summary>
    public Polynomial<T> Constant(T c) => Term(c, new int[VariableCount]);

    /// <summary>The variable x_{i+1}.</summary>
    public Polynomial<T> Variable(int index)
    {
        var e = new int[VariableCount];
        e[index] = 1;
        return Term(Field.One, e);
    }

    /// <summary>The term <c>c · x^exponents</c>.</summary>
    public Polynomial<T> Term(T c, ReadOnlySpan<int> exponents)
    {
        if (Field.IsZero(c))
        {
            return Zero;
        }
        var m = new ulong[Layout.Stride];
        Layout.Encode(exponents, m);
        return new Polynomial<T>(this, m, [c]);
    }

    /// <summary>The polynomial with these terms (any order; equal monomials are added, zero sums dropped).</summary>
    public Polynomial<T> FromTerms(IEnumerable<(T Coefficient, int[] Exponents)> terms)
    {
        var list = new List<(ulong[] Monomial, T Coefficient)>();
        foreach (var (c, e) in terms)
        {
            if (e.Length != VariableCount)
            {
                throw new ArgumentException($"an exponent vector has {e.Length} entries for {VariableCount} variables.", nameof(terms));
            }
            var m = new ulong[Layout.Stride];
            Layout.Encode(e, m);
            list.Add((m, c));
        }
        list.Sort((a, b) => Layout.Compare(b.Monomial, a.Monomial));
        var buffer = new TermBuffer<T>(Layout.Stride, list.Count);
        int k = 0;
        while (k < list.Count)
        {
            var sum = list[k].Coefficient;
            int next = k + 1;
            while (next < list.Count && Layout.Equal(list[next].Monomial, list[k].Monomial))
            {
                sum = Field.Add(sum, list[next].Coefficient);
                next++;
            }
            if (!Field.IsZero(sum))
            {
                buffer.Append(list[k].Monomial, sum);
            }
            k = next;
        }
        return buffer.ToPolynomial(this);
    }

    /// <summary>
    /// <paramref name="g"/>, a polynomial of another ring over the same field, written in this one: variables are
    /// matched by name (the order may differ); every variable g uses must be one of this ring's.
    /// </summary>
    /// <exception cref="ArgumentException">g uses a variable this ring does not have.</exception>
    public Polynomial<T> Import(Polynomial<T> g)
    {
        var map = g.Ring.Variables.Select(IndexOf).ToArray();
        var terms = new List<(T, int[])>(g.Count);
        for (int k = 0; k < g.Count; k++)
        {
            var e = g.Exponents(k);
            var f = new int[VariableCount];
            for (int v = 0; v < e.Length; v++)
            {
                if (e[v] == 0)
                {
                    continue;
                }
                if (map[v] < 0)
                {
                    throw new ArgumentException($"{g} uses {g.Ring.Variables[v]}, which is not a variable of {this}.", nameof(g));
                }
                f[map[v]] = e[v];
            }
            terms.Add((g.Coefficient(k), f));
        }
        return FromTerms(terms);
    }

    /// <summary>Parses one polynomial in the usual text form (<see cref="PolynomialParser{T}"/>).</summary>
    /// <exception cref="PolynomialParseException">The text does not parse; the message gives the column.</exception>
    public Polynomial<T> Parse(string text) => new PolynomialParser<T>(this, text).ParseSingle();

    /// <summary>Parses polynomials separated by commas or new lines.</summary>
    /// <exception cref="PolynomialParseException">The text does not parse; the message gives the column.</exception>
    public IReadOnlyList<Polynomial<T>> ParseList(string text) => new PolynomialParser<T>(this, text).ParseList();

    /// <summary>The monomial as text, <c>x^2*y</c>; empty for 1.</summary>
    public string FormatMonomial(ReadOnlySpan<ulong> monomial)
    {
        var text = new StringBuilder();
        for (int i = 0; i < VariableCount; i++)
        {
            int e = Layout.Exponent(monomial, i);
            if (e == 0)
            {
                continue;
            }
            if (text.Length > 0)
            {
                text.Append('*');
            }
            text.Append(Variables[i]);
            if (e > 1)
            {
                text.Append('^').Append(e);
            }
        }
        return text.ToString();
    }

    /// <summary>Whether <paramref name="other"/> has the same variables, field and order.</summary>
    public bool SameAs(PolynomialRing<T> other) =>
        Variables.SequenceEqual(other.Variables) && Field.Name == other.Field.Name && Order.Name == other.Order.Name;

    /// <summary>The declaration: <c>x,y,z over GF(32003) grevlex</c>.</summary>
    public override string ToString() => $"{string.Join(",", Variables)} over {Field.Name} {Order.Name}";

    internal static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
