using System.Text.Json;
using Leibniz.Cli;
using Spectre.Console;

namespace Leibniz.Tests.Cli;

/// <summary><c>leibniz groebner</c> end to end: the basis, dimension and degree, JSON, files, bad input, limits.</summary>
public sealed class GroebnerCommandTests() : TemporaryFolderTests("leibniz-groebner-")
{
    private static (int Code, string Output) Run(params string[] args) => CliHarness.Run(args);

    [Fact]
    public void The_twisted_cubic_prints_its_basis_dimension_one_and_degree_three()
    {
        var (code, output) = Run("groebner", "y - x^2, z - x^3", "--vars", "x,y,z", "--order", "grevlex", "--field", "32003");
        Assert.Equal(0, code);
        Assert.Contains("x,y,z over GF(32003) grevlex", output);
        Assert.Contains("  y^2 - x*z\n  x*y - z\n  x^2 - y\n", output.Replace("\r", ""));
        Assert.Contains("dimension 1", output);
        Assert.Contains("degree 3", output);
        Assert.Contains("verified", output);
    }

    [Fact]
    public void Json_gives_the_basis_as_a_list_of_polynomial_strings()
    {
        var (code, output) = Run("groebner", "x^2 + y^2 - 1, x - y", "--field", "QQ", "--order", "lex", "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("x,y over QQ lex", root.GetProperty("ring").GetString());
        Assert.Equal(["y^2 - 1/2", "x - y"], root.GetProperty("basis").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(0, root.GetProperty("dimension").GetInt32());
        Assert.Equal("2", root.GetProperty("degree").GetString());
        Assert.True(root.GetProperty("verified").GetBoolean());
    }

    [Fact]
    public void A_file_of_ideals_gives_one_result_per_ideal_in_its_ring()
    {
        var path = Path.Combine(Folder, "ideals.txt");
        File.WriteAllText(path, "# two ideals\nring: x,y,z over GF(101) grevlex\ny - x^2, z - x^3\n\nring: a,b over QQ lex\na^2 - 2\nb - a\n");
        var (code, output) = Run("groebner", "--file", path, "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var results = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, results.Length);
        Assert.Equal("x,y,z over GF(101) grevlex", results[0].GetProperty("ring").GetString());
        Assert.Equal(["b^2 - 2", "a - b"], results[1].GetProperty("basis").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Theory]
    [InlineData("y - x^2, z - w", "column 14", "unknown variable 'w'")]
    [InlineData("y - x^2, z - 1.5*x", "column 15", "decimal numbers are not exact")]
    [InlineData("y - x^2, z - (x", "column 16", "missing ')'")]
    [InlineData("y - x^2 z)", "column 10", "unexpected ')'")]
    public void Bad_polynomials_exit_with_code_2_and_the_column(string ideal, string column, string problem)
    {
        var (code, output) = Run("groebner", ideal, "--vars", "x,y,z");
        Assert.Equal(2, code);
        Assert.Contains(column, output);
        Assert.Contains(problem, output);
    }

    [Fact]
    public void A_coefficient_outside_the_field_names_the_field_and_the_way_out()
    {
        var (code, output) = Run("groebner", "x - 1/7", "--field", "7");
        Assert.Equal(2, code);
        Assert.Contains("column 7", output);
        Assert.Contains("GF(7)", output);
        Assert.Contains("QQ", output);
    }

    [Theory]
    [InlineData("--order", "grvlex", "valid choices: lex, grlex, grevlex")]
    [InlineData("--field", "32004", "not a prime")]
    [InlineData("--field", "RR", "valid choices")]
    [InlineData("--strategy", "fastest", "valid choices: first, degree, normal, sugar")]
    [InlineData("--criteria", "buchberger", "valid choices: gebauermoeller, lcm, none")]
    public void Bad_options_exit_with_code_2_and_the_valid_choices(string option, string value, string message)
    {
        var (code, output) = Run("groebner", "y - x^2", option, value);
        Assert.Equal(2, code);
        Assert.Contains(message, output);
    }

    [Fact]
    public void A_time_limit_stops_cleanly_and_says_how_far_it_got()
    {
        var (code, output) = Run("groebner", "a+b+c+d+e+f, a*b+b*c+c*d+d*e+e*f+f*a, a*b*c+b*c*d+c*d*e+d*e*f+e*f*a+f*a*b, a*b*c*d+b*c*d*e+c*d*e*f+d*e*f*a+e*f*a*b+f*a*b*c, a*b*c*d*e+b*c*d*e*f+c*d*e*f*a+d*e*f*a*b+e*f*a*b*c+f*a*b*c*d, a*b*c*d*e*f-1", "--timeout", "0");
        Assert.Equal(1, code);
        Assert.Contains("Stopped", output);
        Assert.Contains("time limit", output);
        Assert.Contains("pairs reduced", output);
        Assert.Contains("not a Gröbner basis", output);
    }

    [Fact]
    public void A_memory_limit_stops_cleanly_and_says_so()
    {
        var (code, output) = Run("groebner", "a+b+c+d, a*b+b*c+c*d+d*a, a*b*c+b*c*d+c*d*a+d*a*b, a*b*c*d-1", "--max-memory", "1");
        Assert.Equal(1, code);
        Assert.Contains("memory limit", output);
        Assert.Equal(1L << 30, GroebnerCommand.ParseBytes("1G"));
        Assert.Equal(512L << 20, GroebnerCommand.ParseBytes("512M"));
    }

    [Fact]
    public void Eliminating_a_parameter_prints_the_implicit_equations()
    {
        var (code, output) = Run("groebner", "x - t, y - t^2, z - t^3", "--eliminate", "t", "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("x,y,z over GF(32003) grevlex", json.RootElement.GetProperty("ring").GetString());
        Assert.Equal(["y^2 - x*z", "x*y - z", "x^2 - y"], json.RootElement.GetProperty("basis").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }
}
