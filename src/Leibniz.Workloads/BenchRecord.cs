using System.Diagnostics;
using System.Text.Json;
using Leibniz.Numerics.Blas;

namespace Leibniz.Workloads;

/// <summary>One line of benchmark output: the workload, thread count, GEMM provider and named figures.</summary>
public sealed class BenchRecord
{
    private readonly List<KeyValuePair<string, object>> _fields = [];

    /// <summary>Starts a record for <paramref name="workload"/> at <paramref name="threads"/> threads.</summary>
    public BenchRecord(string workload, int threads)
    {
        Add("workload", workload);
        Add("threads", threads);
        Add("blas", Gemm.Name);
    }

    /// <summary>The fields in insertion order.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Fields => _fields;

    /// <summary>Adds a figure and returns the record.</summary>
    public BenchRecord Add(string name, object value)
    {
        _fields.Add(new(name, value));
        return this;
    }

    /// <summary>The record as one JSON object.</summary>
    public string ToJson()
    {
        var dict = new Dictionary<string, object>();
        foreach (var (k, v) in _fields)
        {
            dict[k] = v;
        }
        return JsonSerializer.Serialize(dict);
    }
}

/// <summary>Timing helpers shared by the workloads.</summary>
internal static class Timing
{
    public static double Seconds(Action action)
    {
        var sw = Stopwatch.StartNew();
        action();
        return sw.Elapsed.TotalSeconds;
    }

    /// <summary>Median of <paramref name="count"/> timed runs after one warm-up run.</summary>
    public static double Median(Action action, int count)
    {
        action();
        var times = new double[count];
        for (int i = 0; i < count; i++)
        {
            times[i] = Seconds(action);
        }
        Array.Sort(times);
        return times[count / 2];
    }
}
