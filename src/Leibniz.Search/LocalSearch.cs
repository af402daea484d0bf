using Leibniz.Numerics;

namespace Leibniz.Search;

/// <summary>
/// Local search on words of binary decisions, the local phase between generations of a construction search
/// (PatternBoost's alternation of local and global phases). Moves are flips (one letter changed) and swaps
/// (one 1 and one 0 exchanged: for a graph, one edge moved elsewhere, which keeps a tree connected through
/// changes of shape that single flips cannot make).
/// </summary>
public static class LocalSearch
{
    /// <summary>
    /// Local search on one word, by ascent in two neighbourhoods: flip the single letter that raises the reward
    /// most (steepest ascent); when no flip helps, try swaps — one 1 turned to 0 and one 0 turned to 1, for a graph
    /// moving one edge elsewhere — in a random order and take the first that helps; stop when neither helps or
    /// after <paramref name="maxEvaluations"/> rewards. Swaps let a tree change shape without passing through a
    /// disconnected graph, which single flips cannot do.
    /// </summary>
    public static Session Improve(IConstructionEnvironment environment, Session start, Generator random, int maxEvaluations = 50_000)
    {
        var word = (byte[])start.Word.Clone();
        double reward = start.Reward;
        int evaluations = 0;
        while (evaluations < maxEvaluations)
        {
            int bestIndex = -1;
            double bestReward = reward;
            for (int i = 0; i < word.Length; i++)
            {
                word[i] ^= 1;
                double r = environment.Reward(word);
                word[i] ^= 1;
                if (r > bestReward)
                {
                    bestReward = r;
                    bestIndex = i;
                }
            }
            evaluations += word.Length;
            if (bestIndex >= 0)
            {
                word[bestIndex] ^= 1;
                reward = bestReward;
                continue;
            }
            if (!TrySwap(environment, word, ref reward, random, maxEvaluations, ref evaluations))
            {
                break;
            }
        }
        return new Session(word, reward);
    }

    private static bool TrySwap(IConstructionEnvironment environment, byte[] word, ref double reward, Generator random, int maxEvaluations, ref int evaluations)
    {
        var ones = new List<int>();
        var zeros = new List<int>();
        for (int i = 0; i < word.Length; i++)
        {
            (word[i] != 0 ? ones : zeros).Add(i);
        }
        long pairs = (long)ones.Count * zeros.Count;
        if (pairs == 0)
        {
            return false;
        }
        // Visit the pairs in a random order: a random start and a stride coprime to the number of pairs.
        long start = random.NextInt64(pairs);
        long stride = 1 + random.NextInt64(Math.Max(1, pairs - 1));
        while (Gcd(stride, pairs) != 1)
        {
            stride++;
        }
        for (long k = 0; k < pairs && evaluations < maxEvaluations; k++)
        {
            long pair = (start + k * stride) % pairs;
            int one = ones[(int)(pair / zeros.Count)], zero = zeros[(int)(pair % zeros.Count)];
            word[one] = 0;
            word[zero] = 1;
            double r = environment.Reward(word);
            evaluations++;
            if (r > reward)
            {
                reward = r;
                return true;
            }
            word[one] = 1;
            word[zero] = 0;
        }
        return false;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }
        return a;
    }

}
