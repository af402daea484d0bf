using System.Globalization;
using System.Text;
using Leibniz.Numerics;

namespace Leibniz.Graphs.Conjectures;

/// <summary>A conjecture's text could not be parsed; <see cref="Column"/> points at the offending token.</summary>
public sealed class ConjectureFormatException(string message, int column) : FormatException(message)
{
    /// <summary>The 1-based column of the offending token.</summary>
    public int Column { get; } = column;
}

/// <summary>
/// Parses conjectures written as text:
/// <code>
/// conjecture := expr relation expr [ ("where" | "if") condition { "and" condition } ]
/// condition  := expr [ relation expr ]          (a bare expression must be non-zero, e.g. "connected")
/// relation   := "&gt;=" | "&gt;" | "&lt;=" | "&lt;" | "≥" | "≤"
/// expr       := term { ("+" | "-") term }
/// term       := unary { ("*" | "/") unary }
/// unary      := "-" unary | power
/// power      := primary [ "^" unary ]
/// primary    := number | name | name "[" expr "]" | function "(" expr { "," expr } ")" | "(" expr ")"
/// </code>
/// Names are the invariants of <see cref="GraphInvariants"/>; functions are those of <see cref="CallExpression.Functions"/>.
/// </summary>
public static class ConjectureParser
{
    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="ConjectureFormatException">The text is not a conjecture; the message shows where and why.</exception>
    public static Conjecture Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text, Tokenize(text));
        return parser.ParseConjecture();
    }

    private enum TokenKind { Number, Name, Symbol, Relation, End }

    private readonly record struct Token(TokenKind Kind, string Text, int Position);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsDigit(c) || (c == '.' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                int start = i;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }
                if (i < text.Length && (text[i] == 'e' || text[i] == 'E') && i + 1 < text.Length && (char.IsDigit(text[i + 1]) || text[i + 1] == '-' || text[i + 1] == '+'))
                {
                    i += 2;
                    while (i < text.Length && char.IsDigit(text[i]))
                    {
                        i++;
                    }
                }
                tokens.Add(new(TokenKind.Number, text[start..i], start));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                int start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }
                tokens.Add(new(TokenKind.Name, text[start..i], start));
            }
            else if (c is '>' or '<')
            {
                bool orEqual = i + 1 < text.Length && text[i + 1] == '=';
                tokens.Add(new(TokenKind.Relation, orEqual ? $"{c}=" : $"{c}", i));
                i += orEqual ? 2 : 1;
            }
            else if (c is '≥' or '≤')
            {
                tokens.Add(new(TokenKind.Relation, c == '≥' ? ">=" : "<=", i));
                i++;
            }
            else if ("+-*/^()[],".Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(new(TokenKind.Symbol, c.ToString(), i));
                i++;
            }
            else
            {
                throw Error(text, i, 1, $"unexpected character '{c}'. Expressions use numbers, invariant names, + - * / ^, parentheses, name[index], and one of >= > <= <.");
            }
        }
        tokens.Add(new(TokenKind.End, "", text.Length));
        return tokens;
    }

    private static ConjectureFormatException Error(string text, int position, int length, string message)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"Conjecture: {message} (column {position + 1})").AppendLine();
        builder.Append("  ").AppendLine(text);
        builder.Append("  ").Append(' ', position).Append('^', Math.Max(1, length));
        return new ConjectureFormatException(builder.ToString(), position + 1);
    }

    private sealed class Parser(string text, List<Token> tokens)
    {
        private int _index;

        private Token Current => tokens[_index];

        public Conjecture ParseConjecture()
        {
            if (Current.Kind == TokenKind.End)
            {
                throw Fail(Current, "the conjecture is empty. Write an inequality such as 'lambda1 + mu >= sqrt(n - 1) + 1 where connected'.");
            }
            var left = ParseExpression();
            if (Current.Kind != TokenKind.Relation)
            {
                throw Fail(Current, Current.Kind == TokenKind.End
                    ? "expected a relation (>=, >, <=, <) after the left-hand side; a conjecture is an inequality."
                    : $"expected a relation (>=, >, <=, <) or an operator, found '{Current.Text}'.");
            }
            string relation = Current.Text;
            _index++;
            var right = ParseExpression();
            var conditions = new List<Condition>();
            if (Current.Kind == TokenKind.Name && Current.Text is "where" or "if")
            {
                _index++;
                conditions.Add(ParseCondition());
                while (Current.Kind == TokenKind.Name && Current.Text == "and")
                {
                    _index++;
                    conditions.Add(ParseCondition());
                }
            }
            if (Current.Kind != TokenKind.End)
            {
                throw Fail(Current, Current.Kind == TokenKind.Relation
                    ? "a second relation; write side conditions after 'where', joined by 'and'."
                    : $"unexpected '{Current.Text}' after the inequality; side conditions follow 'where' and are joined by 'and'.");
            }
            return new Conjecture(text.Trim(), left, relation, right, conditions);
        }

        private Condition ParseCondition()
        {
            var left = ParseExpression();
            if (Current.Kind != TokenKind.Relation)
            {
                return new Condition(left, null, null);
            }
            string relation = Current.Text;
            _index++;
            return new Condition(left, relation, ParseExpression());
        }

        private Expression ParseExpression() => ParseLeftAssociative(ParseTerm, "+", "-");

        private Expression ParseTerm() => ParseLeftAssociative(ParseUnary, "*", "/");

        /// <summary>operand { op operand } for the two operators of one precedence level, grouped to the left.</summary>
        private Expression ParseLeftAssociative(Func<Expression> operand, string first, string second)
        {
            var left = operand();
            while (Current.Kind == TokenKind.Symbol && (Current.Text == first || Current.Text == second))
            {
                char op = Current.Text[0];
                _index++;
                left = new BinaryExpression(op, left, operand());
            }
            return left;
        }

        private Expression ParseUnary()
        {
            if (Current.Kind == TokenKind.Symbol && Current.Text == "-")
            {
                _index++;
                return new NegateExpression(ParseUnary());
            }
            var primary = ParsePrimary();
            if (Current.Kind == TokenKind.Symbol && Current.Text == "^")
            {
                _index++;
                return new BinaryExpression('^', primary, ParseUnary());
            }
            return primary;
        }

        private Expression ParsePrimary()
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Number:
                    _index++;
                    if (!double.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                    {
                        throw Fail(token, $"'{token.Text}' is not a number.");
                    }
                    return new NumberExpression(value);
                case TokenKind.Name:
                    _index++;
                    return ParseName(token);
                case TokenKind.Symbol when token.Text == "(":
                    _index++;
                    var inner = ParseExpression();
                    Expect(")", "to close the parenthesis");
                    return inner;
                case TokenKind.End:
                    throw Fail(token, "the expression ends too early; expected a number, an invariant or '('.");
                default:
                    throw Fail(token, $"expected a number, an invariant or '(', found '{token.Text}'.");
            }
        }

        private Expression ParseName(Token name)
        {
            if (CallExpression.Functions.TryGetValue(name.Text, out int arity))
            {
                Expect("(", $"after the function {name.Text}");
                var arguments = new List<Expression> { ParseExpression() };
                while (Current.Kind == TokenKind.Symbol && Current.Text == ",")
                {
                    _index++;
                    arguments.Add(ParseExpression());
                }
                if (arguments.Count != arity)
                {
                    throw Fail(name, $"{name.Text} takes {arity} argument{(arity == 1 ? "" : "s")}; got {arguments.Count}.");
                }
                Expect(")", $"to close {name.Text}(");
                return new CallExpression(name.Text, [.. arguments]);
            }
            var invariant = GraphInvariants.Find(name.Text);
            if (invariant is null)
            {
                var names = GraphInvariants.All.SelectMany(i => i.Aliases.Prepend(i.Name)).Concat(CallExpression.Functions.Keys);
                var close = Suggestions.Closest(name.Text, names);
                string hint = close.Length > 0 ? $" Did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?" : "";
                throw Fail(name, $"unknown invariant '{name.Text}'.{hint} Known invariants: {string.Join(", ", GraphInvariants.All.Select(i => i.Kind == InvariantKind.Spectrum ? i.Name + "[k]" : i.Name))}; functions: {string.Join(", ", CallExpression.Functions.Keys)}.");
            }
            if (invariant.Kind == InvariantKind.Spectrum)
            {
                if (!(Current.Kind == TokenKind.Symbol && Current.Text == "["))
                {
                    throw Fail(name, $"'{name.Text}' is a spectrum (n values, largest first); pick one with an index, e.g. {name.Text}[1].");
                }
                _index++;
                var index = ParseExpression();
                Expect("]", $"to close {name.Text}[");
                return new IndexExpression(invariant, index);
            }
            if (Current.Kind == TokenKind.Symbol && Current.Text == "[")
            {
                throw Fail(Current, $"'{name.Text}' is a single number and cannot be indexed.");
            }
            return new InvariantExpression(invariant);
        }

        private void Expect(string symbol, string why)
        {
            if (!(Current.Kind == TokenKind.Symbol && Current.Text == symbol))
            {
                throw Fail(Current, $"expected '{symbol}' {why}, found {(Current.Kind == TokenKind.End ? "the end of the text" : $"'{Current.Text}'")}.");
            }
            _index++;
        }

        private ConjectureFormatException Fail(Token token, string message) => Error(text, token.Position, token.Text.Length, message);
    }
}
