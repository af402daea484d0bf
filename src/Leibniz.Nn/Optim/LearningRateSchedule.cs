namespace Leibniz.Optim;

/// <summary>
/// Learning-rate schedules: functions of the step t (0-based) and the base rate η₀. Apply one with
/// <see cref="Apply"/> before each optimiser step.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The rate at step <paramref name="step"/>.</summary>
    public abstract double At(int step, double baseRate);

    /// <summary>Sets <paramref name="optimizer"/>'s rate for its next step from <paramref name="baseRate"/>.</summary>
    public void Apply(Optimizer optimizer, double baseRate) => optimizer.LearningRate = At(optimizer.StepCount, baseRate);

    /// <summary>η₀·γ^⌊t/stepSize⌋.</summary>
    public static LearningRateSchedule Step(int stepSize, double gamma = 0.1) => new FunctionSchedule((t, lr) => lr * Math.Pow(gamma, t / stepSize));

    /// <summary>Cosine annealing: η_min + ½(η₀ − η_min)(1 + cos(π·min(t, T)/T)).</summary>
    public static LearningRateSchedule Cosine(int totalSteps, double minRate = 0)
        => new FunctionSchedule((t, lr) => minRate + 0.5 * (lr - minRate) * (1 + Math.Cos(Math.PI * Math.Min(t, totalSteps) / totalSteps)));

    /// <summary>Linear warm-up from 0 over <paramref name="warmupSteps"/>, then <paramref name="after"/> (or constant), shifted by the warm-up.</summary>
    public static LearningRateSchedule Warmup(int warmupSteps, LearningRateSchedule? after = null)
        => new FunctionSchedule((t, lr) => t < warmupSteps ? lr * (t + 1) / warmupSteps : after?.At(t - warmupSteps, lr) ?? lr);

    /// <summary>
    /// One-cycle (Smith, 2018): from η_max/div up to η_max over the first pct of steps, then down to
    /// η_max/(div·finalDiv), both phases by cosine. The base rate is η_max.
    /// </summary>
    public static LearningRateSchedule OneCycle(int totalSteps, double pctStart = 0.3, double div = 25, double finalDiv = 1e4)
        => new FunctionSchedule((t, lr) =>
        {
            double start = lr / div, end = start / finalDiv;
            double up = Math.Max(1, pctStart * totalSteps);
            double Anneal(double a, double b, double f) => b + (a - b) / 2 * (1 + Math.Cos(Math.PI * f));
            return t <= up ? Anneal(start, lr, t / up) : Anneal(lr, end, Math.Min(1, (t - up) / Math.Max(1, totalSteps - up)));
        });

    /// <summary>Any function of the step and base rate.</summary>
    public static LearningRateSchedule Function(Func<int, double, double> rate) => new FunctionSchedule(rate);

    private sealed class FunctionSchedule(Func<int, double, double> rate) : LearningRateSchedule
    {
        public override double At(int step, double baseRate) => rate(step, baseRate);
    }
}
