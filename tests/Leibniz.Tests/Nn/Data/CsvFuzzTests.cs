using Leibniz.Data;
using Leibniz.Numerics;

namespace Leibniz.Tests.Data;

/// <summary>CSV tables from elsewhere: malformed tables are <see cref="FormatException"/>s naming the row and column; mutations raise nothing else.</summary>
public class CsvFuzzTests
{
    private const string Valid = "a,b,label\n1,2.5,0\n-3,4e-2,1\n";

    private static string Error(string text) => Assert.Throws<FormatException>(() => CsvTensors.Read(new StringReader(text), "t")).Message;

    [Fact]
    public void Malformed_tables_name_the_problem()
    {
        Assert.Contains("is empty", Error(""));
        Assert.Contains("row 3: 2 cells, but the header has 3 columns", Error("a,b,c\n1,2,3\n4,5\n"));
        Assert.Contains("row 2: 4 cells", Error("a,b,c\n1,2,3,4\n"));
        Assert.Contains("the column 'a' 2 times", Error("a,b,a\n1,2,3\n"));
        Assert.Contains("row 2, column 'b': 'x' is not a number", Error("a,b\n1,x\n"));
        var (x, y, columns) = CsvTensors.Read(new StringReader(Valid), targetColumn: "label", dtype: Leibniz.Tensors.DType.Float64);
        Assert.Equal([1, 2.5, -3, 0.04], x.ToDoubleArray());
        Assert.Equal([0.0, 1], y!.ToDoubleArray());
        Assert.Equal(["a", "b"], columns);
    }

    [Fact]
    public void Mutated_tables_raise_only_FormatException()
    {
        const string alphabet = "ab0123456789.,-+e\n\r\" ;x";
        var generator = new Generator(41);
        int accepted = 0, refused = 0;
        for (int i = 0; i < Fuzz.Inputs; i++)
        {
            try
            {
                CsvTensors.Read(new StringReader(Fuzz.Mutate(Valid, generator, alphabet)));
                accepted++;
            }
            catch (FormatException)
            {
                refused++;
            }
        }
        Assert.True(accepted > 0 && refused > 0, $"{accepted} accepted, {refused} refused");
    }
}
