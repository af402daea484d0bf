using System.Globalization;
using System.Numerics;

namespace Leibniz.Algebra.Polynomials;

/// <summary>
/// Parses polynomials in the usual text form over a ring: <c>x^2*y - 3*z + 1</c>, <c>1/2*x^3</c>, <c>(x+y)^2</c>,
/// <c>x**2</c> as Python writes powers, and implicit products (<c>2x y</c>) unless turned off. Grammar:
/// <code>
/// list    := expr ((',' | newline) expr)*
/// expr    := ['+' | '-'] term (('+' | '-') term)*
/// term    := power (('*' power) | ('/' power) | power)*     (a divisor must be a non-zero constant)
/// power   := primary [('^' | '**') integer]
/// primary := integer | variable | '(' expr ')'
/// </code>
/// Every error names the column and what was expected.
/// </summary>
public sealed class PolynomialParser<T>
{
    private readonly PolynomialRing<T> _ring;
    private readonly string _text;
    private readonly bool _implicitProducts;
    private int _position;

    /// <summary>A parser of <paramref name="text"/> in <paramref name="ring"/>.</summary>
    public PolynomialParser(PolynomialRing<T> ring, string text, bool implicitProducts = true)
    {
        _ring = ring;
        _text = text;
        _implicitProducts = implicitProducts;
    }

    /// <summary>Parses the whole text as one polynomial.</summary>
    /// <exception cref="PolynomialParseException">It does not parse.</exception>
    public Polynomial<T> ParseSingle()
    {
        SkipSpace(newlines: true);
        var p = ParseExpression();
        SkipSpace(newlines: true);
        if (_position < _text.Length)
        {
            throw Error($"unexpected '{_text[_position]}' after a complete polynomial; separate polynomials with commas", _position);
        }
        return p;
    }

    /// <summary>Parses polynomials separated by commas or new lines (empty entries are skipped).</summary>
    /// <exception cref="PolynomialParseException">One does not parse.</exception>
    public IReadOnlyList<Polynomial<T>> ParseList()
    {
        var list = new List<Polynomial<T>>();
        while (true)
        {
            SkipSeparators();
            if (_position >= _text.Length)
            {
                return list;
            }
            list.Add(ParseExpression());
            SkipSpace(newlines: false);
            if (_position < _text.Length && _text[_position] is not (',' or '\n' or '\r' or ';'))
            {
                throw Error($"unexpected '{_text[_position]}'; expected an operator (+ - * / ^) or a comma between polynomials", _position);
            }
        }
    }

    private Polynomial<T> ParseExpression()
    {
        SkipSpace(newlines: false);
        bool negate = false;
        if (Peek() is '+' or '-')
        {
            negate = _text[_position] == '-';
            _position++;
        }
        var result = ParseTerm();
        if (negate)
        {
            result = -result;
        }
        while (true)
        {
            SkipSpace(newlines: false);
            char c = Peek();
            if (c is not ('+' or '-'))
            {
                return result;
            }
            _position++;
            var term = ParseTerm();
            result = c == '+' ? result + term : result - term;
        }
    }

    private Polynomial<T> ParseTerm()
    {
        var result = ParsePower();
        while (true)
        {
            SkipSpace(newlines: false);
            char c = Peek();
            if (c == '*' && PeekAt(1) != '*')
            {
                _position++;
                result *= ParsePower();
            }
            else if (c == '/')
            {
                _position++;
                SkipSpace(newlines: false);
                int at = _position;
                var divisor = ParsePower();
                result = DivideByConstant(result, divisor, at);
            }
            else if (char.IsAsciiLetter(c) || c == '_' || c == '(')
            {
                if (!_implicitProducts)
                {
                    throw Error("missing '*' before this factor (implicit products are turned off)", _position);
                }
                result *= ParsePower();
            }
            else if (char.IsAsciiDigit(c))
            {
                throw Error("a number cannot follow a factor without an operator; write '*' or '^'", _position);
            }
            else
            {
                return result;
            }
        }
    }

    private Polynomial<T> ParsePower()
    {
        var b = ParsePrimary();
        SkipSpace(newlines: false);
        bool caret = Peek() == '^';
        bool stars = Peek() == '*' && PeekAt(1) == '*';
        if (!caret && !stars)
        {
            return b;
        }
        _position += caret ? 1 : 2;
        SkipSpace(newlines: false);
        int at = _position;
        if (Peek() == '-')
        {
            throw Error("negative exponents are not polynomials", at);
        }
        if (!char.IsAsciiDigit(Peek()))
        {
            throw Error("expected a non-negative integer exponent after '^'", at);
        }
        var digits = ReadDigits();
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k > MonomialLayout.MaxField)
        {
            throw Error($"the exponent {digits} is too large; exponents must stay below {MonomialLayout.MaxField + 1}", at);
        }
        return b.Power(k);
    }

    private Polynomial<T> ParsePrimary()
    {
        SkipSpace(newlines: false);
        int at = _position;
        char c = Peek();
        if (char.IsAsciiDigit(c))
        {
            var digits = ReadDigits();
            if (Peek() == '.')
            {
                throw Error($"decimal numbers are not exact; write a fraction such as {digits}/10 instead", _position);
            }
            return _ring.Constant(_ring.Field.FromInteger(BigInteger.Parse(digits, CultureInfo.InvariantCulture)));
        }
        if (char.IsAsciiLetter(c) || c == '_')
        {
            int start = _position;
            while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
            {
                _position++;
            }
            var name = _text[start.._position];
            int index = _ring.IndexOf(name);
            if (index < 0)
            {
                throw Error(UnknownVariable(name), start);
            }
            return _ring.Variable(index);
        }
        if (c == '(')
        {
            _position++;
            var inner = ParseExpression();
            SkipSpace(newlines: false);
            if (Peek() != ')')
            {
                throw Error(_position >= _text.Length ? "missing ')' at the end" : $"expected ')' but found '{_text[_position]}'", _position);
            }
            _position++;
            return inner;
        }
        if (_position >= _text.Length)
        {
            throw Error("the polynomial ends where a number, a variable or '(' was expected", at);
        }
        throw Error($"expected a number, a variable or '(' but found '{c}'", at);
    }

    private Polynomial<T> DivideByConstant(Polynomial<T> dividend, Polynomial<T> divisor, int at)
    {
        var field = _ring.Field;
        if (divisor.Count > 1 || divisor.Count == 1 && !_ring.Layout.IsOne(divisor.LeadMonomial))
        {
            throw Error("division by a non-constant polynomial; only numbers can divide", at);
        }
        if (divisor.IsZero)
        {
            var written = _text[at.._position].Trim();
            throw Error(field.Characteristic > 0 && written.TrimStart('(').TrimEnd(')').Trim() != "0"
                ? $"{written} is 0 in {field.Name}, so the coefficient is not an element of the field; use another prime with --field, or QQ"
                : "division by zero", at);
        }
        return dividend.Scale(field.Inverse(divisor.LeadCoefficient));
    }

    private string UnknownVariable(string name)
    {
        var variables = string.Join(", ", _ring.Variables);
        var split = SplitIntoVariables(name);
        var hint = split is null ? "" : $"; did you mean {string.Join("*", split)}?";
        return $"unknown variable '{name}'; the ring's variables are {variables}{hint}";
    }

    private List<string>? SplitIntoVariables(string name)
    {
        if (name.Length == 0)
        {
            return [];
        }
        for (int length = name.Length - 1; length >= 1; length--)
        {
            if (_ring.IndexOf(name[..length]) >= 0)
            {
                var rest = SplitIntoVariables(name[length..]);
                if (rest is not null)
                {
                    rest.Insert(0, name[..length]);
                    return rest;
                }
            }
        }
        return _ring.IndexOf(name) >= 0 && name.Length > 0 ? [name] : null;
    }

    private string ReadDigits()
    {
        int start = _position;
        while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
        {
            _position++;
        }
        return _text[start.._position];
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private char PeekAt(int offset) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

    private void SkipSpace(bool newlines)
    {
        while (_position < _text.Length && (_text[_position] is ' ' or '\t' || newlines && _text[_position] is '\n' or '\r'))
        {
            _position++;
        }
    }

    private void SkipSeparators()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r' or ',' or ';')
        {
            _position++;
        }
    }

    private PolynomialParseException Error(string problem, int position)
    {
        // Report the line of the text that holds the position, and the column within it.
        int lineStart = _text.LastIndexOf('\n', Math.Max(0, Math.Min(position, _text.Length) - 1)) + 1;
        if (position == 0)
        {
            lineStart = 0;
        }
        int lineEnd = _text.IndexOf('\n', lineStart);
        var line = _text[lineStart..(lineEnd < 0 ? _text.Length : lineEnd)].TrimEnd('\r');
        int lineNumber = _text.Contains('\n') ? _text[..lineStart].Count(ch => ch == '\n') + 1 : 0;
        return new PolynomialParseException(problem, line, position - lineStart + 1, lineNumber);
    }
}
