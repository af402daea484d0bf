namespace Leibniz.Autograd;

/// <summary>
/// Whether operations are recorded for automatic differentiation on this thread. Use as a scope:
/// <code>using (GradMode.NoGrad()) { ... }</code>
/// </summary>
public static class GradMode
{
    [ThreadStatic]
    private static bool t_disabled;

    /// <summary>True when operations on tensors that require gradients are recorded (the default).</summary>
    public static bool IsEnabled => !t_disabled;

    /// <summary>
    /// When true, every recorded operation checks its output and every backward rule its gradients for NaN and
    /// infinity, and throws naming the operation. Slow; for debugging.
    /// </summary>
    public static bool DetectAnomaly { get; set; }

    /// <summary>Stops recording until the returned scope is disposed.</summary>
    public static Scope NoGrad() => new(disabled: true);

    /// <summary>Resumes recording until the returned scope is disposed (inside a <see cref="NoGrad"/> scope).</summary>
    public static Scope EnableGrad() => new(disabled: false);

    /// <summary>Restores the previous grad mode when disposed.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly bool _previous;

        internal Scope(bool disabled)
        {
            _previous = t_disabled;
            t_disabled = disabled;
        }

        /// <summary>Restores the mode that was in force when the scope was opened.</summary>
        public void Dispose() => t_disabled = _previous;
    }
}
