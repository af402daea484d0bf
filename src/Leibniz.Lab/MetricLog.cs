using Leibniz.Figures;

namespace Leibniz.Lab;

/// <summary>
/// The scalar series a run has tracked, by series (a model, a setting) and metric (<c>loss</c>, <c>test_acc</c>), in
/// the order they were first seen: what the curves are drawn from and what summary.json's <c>final</c> holds.
/// </summary>
public sealed class MetricLog
{
    private readonly Dictionary<(string Series, string Metric), (List<double> Steps, List<double> Values)> _curves = [];
    private readonly List<(string Series, string Metric)> _order = [];

    /// <summary>Adds one point to each named metric of <paramref name="series"/>.</summary>
    public void Add(string series, int step, IReadOnlyDictionary<string, double> values)
    {
        foreach (var (metric, value) in values)
        {
            var key = (series, metric);
            if (!_curves.TryGetValue(key, out var curve))
            {
                curve = ([], []);
                _curves[key] = curve;
                _order.Add(key);
            }
            curve.Steps.Add(step);
            curve.Values.Add(value);
        }
    }

    /// <summary>Forgets every point (a resumed run restores them from a checkpoint).</summary>
    internal void Clear()
    {
        _curves.Clear();
        _order.Clear();
    }

    /// <summary>The series that have <paramref name="metric"/>, in the order they were first tracked.</summary>
    public IReadOnlyList<string> SeriesWith(string metric) => [.. _order.Where(k => k.Metric == metric).Select(k => k.Series)];

    /// <summary>The steps of <paramref name="metric"/> in <paramref name="series"/>.</summary>
    /// <exception cref="KeyNotFoundException">Nothing was tracked under that series and metric.</exception>
    public IReadOnlyList<double> Steps(string series, string metric) => Curve(series, metric).Steps;

    /// <summary>The values of <paramref name="metric"/> in <paramref name="series"/>, in tracking order.</summary>
    /// <exception cref="KeyNotFoundException">Nothing was tracked under that series and metric.</exception>
    public IReadOnlyList<double> Values(string series, string metric) => Curve(series, metric).Values;

    /// <summary>The last value of <paramref name="metric"/> in <paramref name="series"/>.</summary>
    public double Last(string series, string metric) => Curve(series, metric).Values[^1];

    /// <summary>
    /// Adds one line per series that has <paramref name="metric"/> to <paramref name="plot"/> (or only those in
    /// <paramref name="series"/>), labelled by <paramref name="label"/> (the series name by default); returns the plot.
    /// </summary>
    public LinePlot Plot(LinePlot plot, string metric, Func<string, string>? label = null, IEnumerable<string>? series = null)
    {
        foreach (string name in series ?? SeriesWith(metric))
        {
            var (steps, values) = Curve(name, metric);
            plot.Add(label?.Invoke(name) ?? name, steps, values);
        }
        return plot;
    }

    /// <summary>The last value of every tracked metric, series by series.</summary>
    public Dictionary<string, Dictionary<string, double>> Finals()
    {
        var result = new Dictionary<string, Dictionary<string, double>>();
        foreach (var (series, metric) in _order)
        {
            if (!result.TryGetValue(series, out var metrics))
            {
                metrics = [];
                result[series] = metrics;
            }
            metrics[metric] = _curves[(series, metric)].Values[^1];
        }
        return result;
    }

    private (List<double> Steps, List<double> Values) Curve(string series, string metric) =>
        _curves.TryGetValue((series, metric), out var curve)
            ? curve
            : throw new KeyNotFoundException($"No metric '{metric}' was tracked for series '{series}'; tracked: {string.Join(", ", _order.Select(k => $"{k.Series}/{k.Metric}"))}.");
}
