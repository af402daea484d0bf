using BenchmarkDotNet.Attributes;
using Leibniz.Graphs;
using Leibniz.Graphs.Conjectures;
using Leibniz.Numerics;
using Leibniz.Search;

namespace Leibniz.Benchmarks;

/// <summary>
/// The parts of one generation of W7 (Wagner's Conjecture 2.1 on 19 vertices): the reward of 1000 graphs and a
/// whole generation of the cross-entropy method (play, score, select, fit).
/// </summary>
public class SearchBenchmarks
{
    private readonly Conjecture _conjecture = Conjecture.Resolve("wagner-2.1");
    private Graph[] _graphs = [];
    private CrossEntropyMethod? _search;

    [GlobalSetup]
    public void Setup()
    {
        var g = new Generator(0);
        _graphs = [.. Enumerable.Range(0, 1000).Select(_ => Graph.FromWord(19, [.. Enumerable.Range(0, 171).Select(_ => (byte)(g.NextDouble() < 0.3 ? 1 : 0))]))];
        _search = new CrossEntropyMethod(new GraphConjectureEnvironment(_conjecture, 19), new CrossEntropyOptions());
        _search.Step();
    }

    [Benchmark]
    public double Reward1000Graphs()
    {
        double sum = 0;
        foreach (var graph in _graphs)
        {
            sum += _conjecture.Reward(graph);
        }
        return sum;
    }

    [Benchmark]
    public GenerationReport Generation() => _search!.Step();
}
