using Leibniz.Experiments.HessianSpectrum;
using Leibniz.Experiments.Landscape;
using Leibniz.Lab;

namespace Leibniz.Tests.Lab;

/// <summary>Numbers for people, and the rules reports use to decide their verdicts, on cases with known answers.</summary>
public sealed class ReportNumbersTests
{
    [Theory]
    [InlineData(1.861e-6, 3, "1.86e-6")]
    [InlineData(0.000999999, 3, "1.00e-3")]
    [InlineData(123456, 2, "1.2e5")]
    [InlineData(-4.2, 3, "-4.20")]
    [InlineData(0, 3, "0")]
    [InlineData(double.NaN, 3, "not finite")]
    public void Scientific_notation_is_short_and_unpadded(double value, int digits, string expected) => Assert.Equal(expected, ReportNumbers.Scientific(value, digits));

    [Theory]
    [InlineData(68.2719, 4, "68.27")]
    [InlineData(229.2, 3, "229")]
    [InlineData(12345.6, 3, "12300")]
    [InlineData(0.00123, 3, "0.00123")]
    [InlineData(5e-6, 2, "5.0e-6")]
    [InlineData(2.9e-10, 2, "2.9e-10")]
    [InlineData(-0.5, 2, "-0.5")]
    [InlineData(250000, 3, "2.50e5")]
    public void General_numbers_are_plain_decimals_in_the_middle_range_and_short_scientific_outside(double value, int digits, string expected)
        => Assert.Equal(expected, ReportNumbers.General(value, digits));

    [Fact]
    public void The_outlier_count_is_the_largest_log_gap_between_ranks_C_over_2_and_2C()
    {
        // Ten classes: a big gap between ranks 2 and 3 (outside the window) and the bulk edge after rank 8.
        double[] top = [58.5, 51.1, 27.3, 19.7, 11.0, 5.9, 4.7, 4.0, 2.1, 1.7, 1.5, 1.1, 1.05, 0.93, 0.82, 0.76, 0.73, 0.71, 0.69, 0.62];
        Assert.Equal(8, HessianSpectrumExperiment.Outliers(top, 10));
        Assert.Equal(3, HessianSpectrumExperiment.Outliers([9, 8, 7, 1, 0.9, 0.8, 0.7, 0.6], 3));
    }

    [Fact]
    public void A_bowl_is_convex_everywhere_and_a_saddle_nowhere()
    {
        var bowl = new double[9, 9];
        var saddle = new double[9, 9];
        for (int i = 0; i < 9; i++)
        {
            for (int j = 0; j < 9; j++)
            {
                double a = (i - 4) / 4.0, b = (j - 4) / 4.0;
                bowl[i, j] = a * a + 2 * b * b + 0.5 * a * b;
                saddle[i, j] = a * a - b * b;
            }
        }
        Assert.Equal(0, LandscapeExperiment.NonConvexFraction(bowl));
        Assert.Equal(1, LandscapeExperiment.NonConvexFraction(saddle));
    }
}
