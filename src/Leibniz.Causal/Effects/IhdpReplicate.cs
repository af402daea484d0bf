using System.Globalization;
using Leibniz.IO;

namespace Leibniz.Causal.Effects;

/// <summary>
/// One replicate of the IHDP benchmark (Hill 2011, setting "NPCI" A, as distributed with Dragonnet): 747 children,
/// a binary treatment, 25 covariates (6 continuous, 19 binary) and semi-synthetic outcomes with both potential
/// outcomes' noiseless means μ₀(x), μ₁(x) known, so that individual effects τ(x) = μ₁(x) − μ₀(x) can be scored.
/// </summary>
/// <param name="Treatment">tᵢ ∈ {0, 1}.</param>
/// <param name="Factual">The observed outcome yᵢ = y(tᵢ).</param>
/// <param name="Counterfactual">The outcome under the other treatment (never available to an estimator).</param>
/// <param name="Mu0">μ₀(xᵢ).</param>
/// <param name="Mu1">μ₁(xᵢ).</param>
/// <param name="Covariates">xᵢ, [n, 25].</param>
public sealed record IhdpReplicate(int[] Treatment, double[] Factual, double[] Counterfactual, double[] Mu0, double[] Mu1, double[,] Covariates)
{
    /// <summary>The number of units.</summary>
    public int Count => Treatment.Length;

    /// <summary>The true individual effects μ₁(x) − μ₀(x).</summary>
    public double[] TrueEffects => [.. Mu1.Zip(Mu0, (a, b) => a - b)];

    /// <summary>The true average effect, the mean of μ₁(x) − μ₀(x) over the units.</summary>
    public double TrueAte => TrueEffects.Average();

    /// <summary>The folder <c>../shared/data/ihdp</c> above the working directory or the program, or <c>LEIBNIZ_IHDP</c> when set; null if none has the files.</summary>
    public static string? FindFolder() => FolderSearch.Find("LEIBNIZ_IHDP", Path.Combine("shared", "data", "ihdp"), "ihdp_npci_1.csv");

    /// <summary>Reads replicate <paramref name="replicate"/> (1 … 50) from <c>ihdp_npci_R.csv</c> in <paramref name="folder"/>.</summary>
    /// <exception cref="FileNotFoundException">The file is not there (the message says where it looked).</exception>
    /// <exception cref="FormatException">A row does not have 30 numbers.</exception>
    public static IhdpReplicate Load(string folder, int replicate)
    {
        string path = Path.Combine(folder, $"ihdp_npci_{replicate}.csv");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"IHDP: no replicate {replicate} at {path}. The replicates are in shared/data/ihdp (see its README); pass that folder, or set LEIBNIZ_IHDP.", path);
        }
        var rows = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).Select((line, i) =>
        {
            var values = line.Split(',');
            if (values.Length != 30)
            {
                throw new FormatException($"IHDP: {path} line {i + 1} has {values.Length} values; expected 30 (t, y_factual, y_cfactual, mu0, mu1, x1 … x25).");
            }
            return values.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        }).ToArray();
        var x = new double[rows.Length, 25];
        for (int i = 0; i < rows.Length; i++)
        {
            for (int j = 0; j < 25; j++)
            {
                x[i, j] = rows[i][5 + j];
            }
        }
        return new IhdpReplicate([.. rows.Select(r => (int)r[0])], [.. rows.Select(r => r[1])], [.. rows.Select(r => r[2])],
            [.. rows.Select(r => r[3])], [.. rows.Select(r => r[4])], x);
    }
}
