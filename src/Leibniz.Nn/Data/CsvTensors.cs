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
    /// <exception cref="FormatException">The file is not a numeric table: no header, a repeated column name, a row with
    /// more or fewer cells than the header, or a cell that is not a number; the message names the row and column.</exception>
    /// <exception cref="ArgumentException">The target column does not exist.</exception>
    public static (Tensor Inputs, Tensor? Targets, string[] Columns) Load(string path, string? targetColumn = null, DType dtype = DType.Float32)
    {
        using var reader = new StreamReader(path);
        return Read(reader, $"CSV '{path}'", targetColumn, dtype);
    }

    /// <summary><see cref="Load"/> from text already open; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="FormatException">See <see cref="Load"/>.</exception>
    /// <exception cref="ArgumentException">The target column does not exist.</exception>
    public static (Tensor Inputs, Tensor? Targets, string[] Columns) Read(TextReader reader, string source = "CSV", string? targetColumn = null, DType dtype = DType.Float32)
    {
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = true, BadDataFound = null });
        string[] header;
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } record)
            {
                throw new FormatException($"{source} is empty: it needs a header row naming the columns.");
            }
            header = record;
        }
        catch (CsvHelperException e)
        {
            throw new FormatException($"{source}: the header row cannot be read ({e.Message.Split('\n')[0]}).", e);
        }
        var repeated = header.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new FormatException($"{source}: the header names the column '{repeated.Key}' {repeated.Count()} times; names must be unique.");
        }
        int target = targetColumn is null ? -1 : Array.IndexOf(header, targetColumn);
        if (targetColumn is not null && target < 0)
        {
            throw new ArgumentException($"{source} has no column '{targetColumn}'; its columns are {string.Join(", ", header)}.", nameof(targetColumn));
        }
        var inputs = new List<double>();
        var targets = new List<double>();
        int rows = 0;
        while (Next(csv, source, rows))
        {
            rows++;
            if (csv.Parser.Count != header.Length)
            {
                throw new FormatException($"{source}, row {rows + 1}: {csv.Parser.Count} cells, but the header has {header.Length} columns.");
            }
            for (int c = 0; c < header.Length; c++)
            {
                string cell = csv.Parser[c] ?? "";
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                {
                    throw new FormatException($"{source}, row {rows + 1}, column '{header[c]}': '{cell}' is not a number.");
                }
                (c == target ? targets : inputs).Add(value);
            }
        }
        string[] columns = header.Where((_, i) => i != target).ToArray();
        var x = Tensor.FromDoubles([.. inputs], [rows, columns.Length], dtype);
        var y = target < 0 ? null : Tensor.FromDoubles([.. targets], [rows], dtype);
        return (x, y, columns);
    }

    private static bool Next(CsvReader csv, string source, int rows)
    {
        try
        {
            return csv.Read();
        }
        catch (CsvHelperException e)
        {
            throw new FormatException($"{source}, row {rows + 2}: {e.Message.Split('\n')[0]}", e);
        }
    }
}
