namespace Leibniz.Tensors;

/// <summary>
/// The storage versions of some tensors at one moment: <see cref="IsCurrent"/> turns false once any of them is
/// changed in place (an optimiser step, <c>ParameterVector.Set</c>), so whatever was computed from them (a
/// linearisation, a retained graph) can tell that it no longer describes their current values.
/// </summary>
public sealed class VersionStamp
{
    private readonly Tensor[] _tensors;
    private readonly int[] _versions;

    /// <summary>Records the current storage version of each tensor.</summary>
    public VersionStamp(IEnumerable<Tensor> tensors)
    {
        _tensors = [.. tensors];
        _versions = [.. _tensors.Select(t => t.Version)];
    }

    /// <summary>False once any of the tensors has been changed in place since the stamp was taken.</summary>
    public bool IsCurrent => _tensors.Select(t => t.Version).SequenceEqual(_versions);
}
