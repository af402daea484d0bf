using Leibniz.Tensors;

namespace Leibniz.Analysis;

/// <summary>
/// The storage versions of some tensors at one moment: <see cref="IsCurrent"/> turns false once any of them is
/// changed in place (an optimiser step, <c>ParameterVector.Set</c>), so an operator can tell that a cached
/// linearisation or graph no longer describes the current parameters.
/// </summary>
internal sealed class VersionStamp
{
    private readonly Tensor[] _tensors;
    private readonly int[] _versions;

    public VersionStamp(IEnumerable<Tensor> tensors)
    {
        _tensors = [.. tensors];
        _versions = [.. _tensors.Select(t => t.Version)];
    }

    public bool IsCurrent => _tensors.Select(t => t.Version).SequenceEqual(_versions);
}
