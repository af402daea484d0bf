using Leibniz.Algebra.Polynomials;
using Leibniz.Numerics;

namespace Leibniz.Algebra.Groebner;

/// <summary>One criterion of a selection strategy; a strategy is a list of them, later ones breaking ties.</summary>
public enum SelectionCriterion
{
    /// <summary>The oldest pair first: smallest (j, i), a queue.</summary>
    First,

    /// <summary>The smallest total degree of the lcm.</summary>
    Degree,

    /// <summary>The smallest lcm in the monomial order (Buchberger's normal strategy).</summary>
    Normal,

    /// <summary>The smallest sugar degree, then the smallest lcm (Giovini et al.'s sugar strategy).</summary>
    Sugar,

    /// <summary>A uniformly random pair among those the earlier criteria tie.</summary>
    Random,

    /// <summary>The newest pair first: largest (j, i), a stack.</summary>
    Last,

    /// <summary>The largest total degree of the lcm.</summary>
    Codegree,
}

/// <summary>
/// A selection strategy as deepgroebner defines it: a list of criteria compared in turn, and when they all tie, the
/// pair that came first, smallest (j, i). <c>degree</c> alone is <c>[degree]</c>, which with that last tie-break is
/// deepgroebner's C++ <c>Degree</c> (degree, then j, then i); <c>sugar</c> compares sugar, then the lcm.
/// </summary>
public sealed class PairSelection
{
    /// <summary>The names <see cref="Parse"/> accepts, comma- or plus-separated for tie-breaks (<c>degree,first</c>).</summary>
    public const string ValidChoices = "first, degree, normal, sugar, random, last, codegree";

    private readonly SelectionCriterion[] _criteria;

    /// <summary>The strategy with these criteria in turn.</summary>
    public PairSelection(params SelectionCriterion[] criteria)
    {
        if (criteria.Length == 0)
        {
            throw new ArgumentException("a selection strategy needs at least one criterion.", nameof(criteria));
        }
        _criteria = criteria;
    }

    /// <summary>The criteria in turn.</summary>
    public IReadOnlyList<SelectionCriterion> Criteria => _criteria;

    /// <summary>Whether a criterion is random (so selection needs a generator).</summary>
    public bool IsRandom => _criteria.Contains(SelectionCriterion.Random);

    /// <summary>The strategy's name, as <see cref="Parse"/> reads it.</summary>
    public string Name => string.Join(",", _criteria.Select(c => c.ToString().ToLowerInvariant()));

    /// <summary>Parses <c>normal</c>, <c>degree,first</c> or <c>degree+normal</c>.</summary>
    /// <exception cref="FormatException">A name is not one of <see cref="ValidChoices"/>.</exception>
    public static PairSelection Parse(string text)
    {
        var criteria = new List<SelectionCriterion>();
        foreach (var part in text.Split([',', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<SelectionCriterion>(part, ignoreCase: true, out var c) || !Enum.IsDefined(c) || int.TryParse(part, out _))
            {
                throw new FormatException($"unknown selection strategy '{part}'; valid choices: {ValidChoices} (a list such as degree,first breaks ties in turn).");
            }
            criteria.Add(c);
        }
        if (criteria.Count == 0)
        {
            throw new FormatException($"no selection strategy given; valid choices: {ValidChoices}.");
        }
        return new PairSelection([.. criteria]);
    }

    /// <summary>The index in <paramref name="pairs"/> of the pair this strategy reduces next.</summary>
    public int Select<T>(IReadOnlyList<CriticalPair> pairs, PolynomialRing<T> ring, Generator? random)
    {
        if (pairs.Count == 0)
        {
            throw new InvalidOperationException("no S-pairs are left to select from.");
        }
        if (IsRandom && random is null)
        {
            throw new InvalidOperationException("a random selection strategy needs a generator.");
        }
        int best = 0;
        int ties = 1;
        for (int k = 1; k < pairs.Count; k++)
        {
            int cmp = Compare(pairs[k], pairs[best], ring.Layout);
            if (cmp < 0)
            {
                best = k;
                ties = 1;
            }
            else if (cmp == 0 && IsRandom)
            {
                // Reservoir sampling: each of the tied pairs is kept with probability 1/ties.
                ties++;
                if (random!.NextInt64(ties) == 0)
                {
                    best = k;
                }
            }
        }
        return best;
    }

    /// <summary>Compares two pairs under the criteria; 0 only when a random criterion is reached with all before it tied.</summary>
    private int Compare(CriticalPair a, CriticalPair b, MonomialLayout layout)
    {
        foreach (var c in _criteria)
        {
            int cmp = c switch
            {
                SelectionCriterion.First => CompareAge(a, b),
                SelectionCriterion.Last => -CompareAge(a, b),
                SelectionCriterion.Degree => a.Degree.CompareTo(b.Degree),
                SelectionCriterion.Codegree => -a.Degree.CompareTo(b.Degree),
                SelectionCriterion.Normal => layout.Compare(a.Lcm, b.Lcm),
                SelectionCriterion.Sugar => a.Sugar != b.Sugar ? a.Sugar.CompareTo(b.Sugar) : layout.Compare(a.Lcm, b.Lcm),
                _ => 0,
            };
            if (c == SelectionCriterion.Random)
            {
                return 0;
            }
            if (cmp != 0)
            {
                return cmp;
            }
        }
        return CompareAge(a, b);
    }

    private static int CompareAge(CriticalPair a, CriticalPair b) => a.J != b.J ? a.J.CompareTo(b.J) : a.I.CompareTo(b.I);
}
