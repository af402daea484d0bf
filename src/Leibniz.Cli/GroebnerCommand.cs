using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Leibniz.Algebra.Groebner;
using Leibniz.Algebra.Polynomials;
using Spectre.Console;

namespace Leibniz.Cli;

/// <summary>
/// <c>leibniz groebner "y - x^2, z - x^3" --vars x,y,z --order grevlex --field 32003</c>: the reduced Gröbner basis,
/// the dimension and degree, the counts, and whether the basis passed the exact check; <c>--json</c> for a
/// machine-readable result, <c>--file</c> for a file of ideals, <c>--timeout</c>/<c>--max-memory</c>/Ctrl-C stop
/// cleanly and say how far the computation got.
/// </summary>
internal static partial class GroebnerCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var ideal = new Argument<string?>("ideal") { Description = "The generators, comma-separated: \"y - x^2, z - x^3\".", Arity = ArgumentArity.ZeroOrOne };
        var vars = new Option<string?>("--vars") { Description = "The variables, greatest first: x,y,z (default: those in the ideal, alphabetically)." };
        var order = new Option<string>("--order") { Description = $"The monomial order: {MonomialOrder.ValidChoices}.", DefaultValueFactory = _ => "grevlex" };
        var field = new Option<string>("--field") { Description = "A prime p < 2^31, or QQ for the rationals.", DefaultValueFactory = _ => "32003" };
        var file = new Option<string?>("--file") { Description = "A file of ideals: 'ring: x,y,z over GF(32003) grevlex' lines, ideals separated by blank lines or ';'." };
        var strategy = new Option<string>("--strategy") { Description = $"The S-pair selection, with tie-breaks in turn: {PairSelection.ValidChoices}.", DefaultValueFactory = _ => "sugar" };
        var criteria = new Option<string>("--criteria") { Description = "The pair criteria: gebauermoeller, lcm or none.", DefaultValueFactory = _ => "gebauermoeller" };
        var timeout = new Option<double?>("--timeout") { Description = "Stop after this many seconds, reporting how far the computation got." };
        var maxMemory = new Option<string?>("--max-memory") { Description = "Stop when the heap exceeds this size (512M, 4G)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (the basis as a list of polynomial strings)." };
        var noVerify = new Option<bool>("--no-verify") { Description = "Skip the exact check that every generator and S-pair reduces to zero." };
        var eliminate = new Option<string?>("--eliminate") { Description = "Variables to eliminate, t,s: prints I ∩ k[the others] (implicitisation of x - f(t), y - g(t))." };
        var seed = new Option<ulong>("--seed") { Description = "The seed of a random strategy.", DefaultValueFactory = _ => 1 };
        var command = new Command("groebner", "Compute a reduced Gröbner basis, with the dimension and degree of the ideal.")
        {
            ideal, vars, order, field, file, strategy, criteria, timeout, maxMemory, json, noVerify, eliminate, seed,
        };
        command.SetAction(parse =>
        {
            IReadOnlyList<IdealText> ideals;
            GroebnerOptions options;
            try
            {
                ideals = Inputs(parse.GetValue(ideal), parse.GetValue(file), parse.GetValue(vars), parse.GetValue(field)!, parse.GetValue(order)!);
                options = new GroebnerOptions
                {
                    Selection = PairSelection.Parse(parse.GetValue(strategy)!),
                    Elimination = ParseCriteria(parse.GetValue(criteria)!),
                    Seed = parse.GetValue(seed),
                    Timeout = parse.GetValue(timeout) is { } s ? TimeSpan.FromSeconds(s) : null,
                    MaxMemoryBytes = parse.GetValue(maxMemory) is { } m ? ParseBytes(m) : null,
                };
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                return CommandLine.Fail(console, e.Message);
            }
            var eliminated = parse.GetValue(eliminate)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return Execute(console, ideals, options, parse.GetValue(json), !parse.GetValue(noVerify), eliminated);
        });
        return command;
    }

    private static int Execute(IAnsiConsole console, IReadOnlyList<IdealText> ideals, GroebnerOptions options, bool json, bool verify, string[]? eliminate)
    {
        using var ctrlC = new CtrlC();
        try
        {
            options = options with
            {
                Cancellation = ctrlC.Token,
                ProgressInterval = TimeSpan.FromSeconds(2),
                Progress = s => Console.Error.WriteLine($"  … {s.PairsReduced} pairs reduced, {s.PairsLeft} left, basis {s.BasisSize}, degree {s.MaxDegree}"),
            };
            var summaries = new List<IdealSummary>();
            foreach (var text in ideals)
            {
                try
                {
                    summaries.Add(IdealSummary.Compute(text, options, verify, eliminate));
                }
                catch (OperationCanceledException)
                {
                    console.MarkupLine("[yellow]Interrupted[/] during the exact check; the basis was not verified.");
                    return CommandLine.Failure;
                }
                if (summaries[^1].Status != GroebnerStatus.Complete)
                {
                    break;
                }
            }
            if (json)
            {
                var payload = summaries.Select(ToJson).ToList();
                console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(payload.Count == 1 && ideals.Count == 1 ? payload[0] : (object)payload, s_json));
            }
            else
            {
                foreach (var s in summaries)
                {
                    Print(console, s);
                }
            }
            var last = summaries[^1];
            if (last.Status != GroebnerStatus.Complete)
            {
                return CommandLine.Failure;
            }
            return summaries.All(s => !verify || s.Verified) ? CommandLine.Success : CommandLine.Failure;
        }
        catch (PolynomialParseException e)
        {
            return CommandLine.Fail(console, e.Message);
        }
        catch (ArgumentException e) when (eliminate is not null)
        {
            return CommandLine.Fail(console, e.Message);
        }
    }

    private static void Print(IAnsiConsole console, IdealSummary s)
    {
        console.MarkupLine($"[bold]ring[/] {Markup.Escape(s.Ring)}");
        var stats = s.Statistics;
        if (s.Status != GroebnerStatus.Complete)
        {
            string why = s.Status switch
            {
                GroebnerStatus.TimedOut => "the time limit was reached",
                GroebnerStatus.MemoryLimit => "the memory limit was reached",
                GroebnerStatus.ExponentLimit => "an exponent outgrew 32767, the largest Leibniz's packed monomials hold (lex and elimination orders can do this; try grevlex)",
                _ => "it was interrupted",
            };
            console.MarkupLine($"[yellow]Stopped[/] after {s.Elapsed.TotalSeconds:F2} s because {why}: {stats.PairsReduced} pairs reduced, {stats.PairsLeft} left, " +
                $"{s.Basis.Count} basis elements so far (not a Gröbner basis), degree {stats.MaxDegree} reached.");
            return;
        }
        console.MarkupLine($"[bold]reduced Gröbner basis[/] ({s.Basis.Count} elements):");
        foreach (var g in s.Basis)
        {
            console.WriteLine("  " + g);
        }
        string dimension = s.Dimension == -1 ? "the unit ideal (empty variety)" : s.Dimension.ToString()!;
        console.MarkupLine($"[bold]dimension[/] {Markup.Escape(dimension)}   [bold]degree[/] {s.Degree?.ToString() ?? "?"}   [bold]Hilbert series[/] ({Markup.Escape(s.ReducedHilbertNumerator ?? "")})/(1-t)^{Math.Max(0, s.Dimension ?? 0)}   [bold]Hilbert polynomial[/] {Markup.Escape(s.HilbertPolynomial ?? "")}");
        console.WriteLine($"{s.Algorithm}: {stats.PairsReduced} pairs reduced ({stats.ZeroReductions} to zero), {stats.PolynomialAdditions} polynomial additions, {s.Elapsed.TotalSeconds:F3} s");
        if (s.CheckFailure is not null)
        {
            console.MarkupLine($"[red]check failed:[/] {Markup.Escape(s.CheckFailure)}");
        }
        else if (s.Verified)
        {
            console.MarkupLine("[green]verified[/]: every generator and every S-pair not redundant by Buchberger's criteria reduces to zero by the basis.");
        }
    }

    private static object ToJson(IdealSummary s) => new
    {
        ring = s.Ring,
        status = s.Status.ToString().ToLowerInvariant(),
        generators = s.Generators,
        basis = s.Basis,
        dimension = s.Dimension,
        degree = s.Degree?.ToString(CultureInfo.InvariantCulture),
        hilbertNumerator = s.HilbertNumerator,
        reducedHilbertNumerator = s.ReducedHilbertNumerator,
        hilbertPolynomial = s.HilbertPolynomial,
        verified = s.Verified,
        algorithm = s.Algorithm,
        checkFailure = s.CheckFailure,
        pairsReduced = s.Statistics.PairsReduced,
        zeroReductions = s.Statistics.ZeroReductions,
        polynomialAdditions = s.Statistics.PolynomialAdditions,
        pairsLeft = s.Statistics.PairsLeft,
        maxDegree = s.Statistics.MaxDegree,
        seconds = s.Elapsed.TotalSeconds,
    };

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The ideals to compute: from the argument with --vars/--field/--order, or from --file.</summary>
    internal static IReadOnlyList<IdealText> Inputs(string? ideal, string? file, string? vars, string field, string order)
    {
        if ((ideal is null) == (file is null))
        {
            throw new FormatException("give the generators as an argument (\"y - x^2, z - x^3\") or a file with --file, not both or neither.");
        }
        string? declared = vars;
        if (file is not null)
        {
            var text = File.ReadAllText(file);
            RingDeclaration? ring = declared is null ? null : Declare(declared, field, order);
            return IdealFile.Parse(text, ring);
        }
        declared ??= string.Join(",", InferVariables(ideal!));
        if (declared.Length == 0)
        {
            declared = "x";
        }
        return [new IdealText(Declare(declared, field, order), ideal!, 0)];
    }

    private static RingDeclaration Declare(string vars, string field, string order)
    {
        RingDeclaration.ParseField(field);
        var names = vars.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        MonomialOrder.Parse(order, names.Length);
        return RingDeclaration.Parse($"{string.Join(",", names)} over {field} {order}");
    }

    /// <summary>The identifiers of <paramref name="text"/>, alphabetically with numeric suffixes in numeric order (x2 before x10).</summary>
    private static IEnumerable<string> InferVariables(string text) => Identifier().Matches(text).Select(m => m.Value).Distinct()
        .OrderBy(v => v.TrimEnd("0123456789".ToCharArray()), StringComparer.Ordinal)
        .ThenBy(v => v.Length)
        .ThenBy(v => v, StringComparer.Ordinal);

    private static PairElimination ParseCriteria(string text) => text.Trim().ToLowerInvariant() switch
    {
        "gebauermoeller" or "gm" or "gebauer-moeller" => PairElimination.GebauerMoeller,
        "lcm" or "coprime" => PairElimination.Lcm,
        "none" => PairElimination.None,
        _ => throw new FormatException($"unknown pair criteria '{text}'; valid choices: gebauermoeller, lcm, none."),
    };

    /// <summary>Bytes from <c>512M</c>, <c>4G</c>, <c>1000000</c>.</summary>
    internal static long ParseBytes(string text)
    {
        var t = text.Trim().ToUpperInvariant().TrimEnd('B');
        long unit = t.EndsWith('K') ? 1L << 10 : t.EndsWith('M') ? 1L << 20 : t.EndsWith('G') ? 1L << 30 : 1;
        var digits = unit == 1 ? t : t[..^1];
        if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value <= 0)
        {
            throw new FormatException($"--max-memory '{text}' is not a size; write 512M, 4G or a number of bytes.");
        }
        return (long)(value * unit);
    }

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9_]*")]
    private static partial Regex Identifier();
}
