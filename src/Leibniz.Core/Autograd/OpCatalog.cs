using System.Diagnostics;

namespace Leibniz.Autograd;

/// <summary>One primitive operation of the engine: the name its graph nodes carry and its formulas.</summary>
/// <param name="Name">The node name (<see cref="Node.Name"/>), unique in the catalogue.</param>
/// <param name="Forward">The forward formula.</param>
/// <param name="Backward">The gradients of the inputs, given the output's gradient <c>g</c>.</param>
/// <param name="BackwardIsDifferentiable">Whether the backward rule is written in differentiable operations (second derivatives work).</param>
public sealed record OpInfo(string Name, string Forward, string Backward, bool BackwardIsDifferentiable = true);

/// <summary>
/// Every primitive operation the engine records, in the spirit of PyTorch's <c>derivatives.yaml</c>: everything else
/// (softsign, GELU, norms, variances, losses, layers) is a composition of these (average pooling is Im2Col and a mean). Each op also
/// has a tangent rule for forward mode (<see cref="ForwardAD"/>), the directional derivative of its forward formula. The test suite draws its
/// gradient, second-order, forward-mode and forward-reference cases from this list, so an op without them fails the suite; in
/// debug builds recording a node whose name is not listed here throws.
/// </summary>
public static class OpCatalog
{
    /// <summary>The primitive operations, grouped as the <c>Tensor.*.cs</c> partial files are.</summary>
    public static IReadOnlyList<OpInfo> All { get; } =
    [
        // Pointwise (Tensor.Pointwise.cs).
        new("Neg", "y = −x", "−g"),
        new("Abs", "y = |x|", "g·sign x (0 at 0)"),
        new("Exp", "y = eˣ", "g·y"),
        new("Log", "y = ln x", "g/x"),
        new("Log1p", "y = ln(1 + x)", "g/(1 + x)"),
        new("Sqrt", "y = √x", "g/(2y)"),
        new("Square", "y = x²", "2g·x"),
        new("Sin", "y = sin x", "g·cos x"),
        new("Cos", "y = cos x", "−g·sin x"),
        new("Tanh", "y = tanh x (float32: 13/6 rational, within 5 ulp)", "g·(1 − y²)"),
        new("Sigmoid", "y = 1/(1 + e⁻ˣ)", "g·y·(1 − y)"),
        new("Elu", "y = x (x > 0), eˣ − 1 (x ≤ 0)", "g·(min(y, 0) + 1)"),
        new("Relu", "y = max(x, 0)", "g·[x > 0] (0 at the kink)"),
        new("ReluBackward", "y = g·[x > 0]", "gg·[x > 0] for g; 0 for x"),
        new("LeakyRelu", "y = x if x > 0 else s·x", "g or s·g"),
        new("Softplus", "y = max(x, 0) + ln(1 + e^(−|x|))", "g·σ(x)"),
        new("NormalCdf", "y = Φ(x)", "g·e^(−x²/2)/√(2π)"),
        new("Clamp", "y = min(max(x, lo), hi)", "g·[lo ≤ x ≤ hi]"),
        new("To", "y = x converted to another floating dtype", "g converted back"),
        // Binary with broadcasting (Tensor.Binary.cs); gradients are summed back to each input's shape.
        new("Add", "y = a + b", "g, g"),
        new("Sub", "y = a − b", "g, −g"),
        new("Mul", "y = a·b", "g·b, g·a"),
        new("Div", "y = a/b", "g/b, −g·a/b²"),
        new("Pow", "y = aᵇ", "g·b·aᵇ⁻¹, g·aᵇ·ln a"),
        new("Maximum", "y = max(a, b)", "g·[a ≥ b], g·[a < b]"),
        new("Minimum", "y = min(a, b)", "g·[a ≤ b], g·[a > b]"),
        new("Where", "y = c ? a : b", "g·c, g·¬c"),
        // Reductions (Tensor.Reductions.cs).
        new("Sum", "y = Σ over axes of x (fixed 4096-element chunks in index order)", "g expanded to x's shape"),
        new("Max", "y = max along an axis, with indices", "g scattered to the argmax"),
        new("Min", "y = min along an axis, with indices", "g scattered to the argmin"),
        new("Amax", "y = max over all elements", "g shared equally among the maxima"),
        new("Amin", "y = min over all elements", "g shared equally among the minima"),
        new("Softmax", "yᵢ = e^(xᵢ − m)/Σⱼ e^(xⱼ − m) along the last axis", "y·(g − Σ g·y)"),
        new("LogSoftmax", "yᵢ = xᵢ − m − ln Σⱼ e^(xⱼ − m) along the last axis", "g − e^y·Σ g"),
        new("Cumsum", "yᵢ = Σ_{j ≤ i} xⱼ along an axis (or j ≥ i, reversed)", "the cumulative sum of g in the other direction"),
        // Views and copies (Tensor.Views.cs).
        new("Reshape", "y = x with a new shape (row-major order kept)", "g reshaped back"),
        new("Squeeze", "y = x without dimensions of size 1", "g reshaped back"),
        new("Unsqueeze", "y = x with a new dimension of size 1", "g reshaped back"),
        new("Permute", "y = x with its axes reordered", "g permuted back"),
        new("Slice", "y = x[start:end:step] along an axis", "g placed into zeros of x's shape"),
        new("SliceBackward", "y = zeros with g placed at start:end:step", "gg sliced"),
        new("Expand", "y = x broadcast to a larger shape (stride 0)", "g summed back to x's shape"),
        new("Clone", "y = a contiguous copy of x", "g"),
        // Indexing (Tensor.Indexing.cs).
        new("Cat", "y = the inputs joined along an axis", "the matching pieces of g"),
        new("Gather", "y[i][j] = x[i][idx[i][j]] along an axis", "g scatter-added into zeros of x's shape"),
        new("ScatterAdd", "y = x with src added at idx along an axis", "g, g gathered at idx"),
        new("IndexSelect", "y = the slices of x at idx along an axis", "g index-added into zeros of x's shape"),
        new("IndexAdd", "y = x with src added to the slices at idx", "g, g selected at idx"),
        // Linear algebra (Tensor.LinearAlgebra.cs, Tensor.SharedMatmul.cs).
        new("Matmul", "y = a·b (vectors, matrices, batches with broadcasting; a matrix times a batch as one node)", "g·bᵀ, aᵀ·g (summed over broadcast batches)"),
        new("Linear", "y = x·Wᵀ + b", "g·W, gᵀ·x, Σ_rows g"),
        // Convolution and pooling (Tensor.Convolution.cs).
        new("Im2Col", "columns of every window of the (padded, dilated, strided) input", "Col2Im of g (its adjoint)"),
        new("Col2Im", "windows' columns added back into an image (the adjoint of Im2Col)", "Im2Col of g"),
        new("MaxPool2d", "y = the maximum of each window (padding reads −∞)", "g scattered to each window's first argmax"),
        new("MaxPoolBackward", "y = g scattered to the windows' argmax positions", "gg gathered at the argmax positions"),
        new("MaxPoolGather", "y = x gathered at the windows' argmax positions", "g scattered to the argmax positions"),
    ];

    private static readonly HashSet<string> s_names = [.. All.Select(op => op.Name)];

    /// <summary>True when <paramref name="name"/> is a catalogued primitive.</summary>
    public static bool Contains(string name) => s_names.Contains(name);

    /// <summary>In debug builds, throws when the engine records a node whose name is not in the catalogue.</summary>
    [Conditional("DEBUG")]
    internal static void AssertListed(string name)
    {
        if (!s_names.Contains(name))
        {
            throw new InvalidOperationException($"The engine recorded an op named '{name}' that OpCatalog does not list; add it with its formulas and test cases.");
        }
    }
}
