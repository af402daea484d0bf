namespace Leibniz.Causal.Discovery;

/// <summary>A test of X_i ⫫ X_j | X_S on a fixed data set (or an oracle): small p-values reject independence.</summary>
public interface IConditionalIndependenceTest
{
    /// <summary>The number of variables.</summary>
    int Count { get; }

    /// <summary>The p-value of the null hypothesis X_i ⫫ X_j | X_given.</summary>
    double PValue(int i, int j, IReadOnlyList<int> given);
}
