using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Leibniz.Tensors;

namespace Leibniz.Data;

/// <summary>Numeric CSV files as tensors (through CsvHelper).</summary>
public static class CsvTensors
{
    /// <summary>
    /// Reads a CSV file with a header row into a [rows, columns] tensor. With <paramref name="targetColumn"/>, that
    /// column is returned separately as targets [rows] and left out of the inputs.
    /// </summary>
    /// <exception cref="FormatException">A cell is not a number; the message names the row and column.</exception>
    /// <exception cref="ArgumentException">The target column does not exist.</exception>
    public static (Tensor Inputs, Tensor? Targets, string[] Columns) Load(string path, string? targetColumn = null, DType dtype = DType.Float32)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = true });
        csv.Read();
        csv.ReadHeader();
        string[] header = csv.HeaderRecord ?? [];
        int target = targetColumn is null ? -1 : Array.IndexOf(header, targetColumn);
        if (targetColumn is not null && target < 0)
        {
            throw new ArgumentException($"CSV '{path}' has no column '{targetColumn}'; its columns are {string.Join(", ", header)}.", nameof(targetColumn));
        }
        var inputs = new List<double>();
        var targets = new List<double>();
        int rows = 0;
        while (csv.Read())
        {
            rows++;
            for (int c = 0; c < header.Length; c++)
            {
                string cell = csv.GetField(c) ?? "";
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                {
                    throw new FormatException($"CSV '{path}', row {rows + 1}, column '{header[c]}': '{cell}' is not a number.");
                }
                (c == target ? targets : inputs).Add(value);
            }
        }
        string[] columns = header.Where((_, i) => i != target).ToArray();
        var x = Tensor.FromDoubles([.. inputs], [rows, columns.Length], dtype);
        var y = target < 0 ? null : Tensor.FromDoubles([.. targets], [rows], dtype);
        return (x, y, columns);
    }
}
