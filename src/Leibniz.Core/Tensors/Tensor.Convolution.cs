using Leibniz.Tensors.Kernels;

namespace Leibniz.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Sliding-window columns (im2col) of x [N, C, H, W]: the result is [N, C·KH·KW, OH·OW], where
    /// <c>OH = ⌊(H + 2·padH − dilH·(KH − 1) − 1) / strideH⌋ + 1</c> (likewise OW). Positions outside the input read
    /// <paramref name="padValue"/>. Linear in x; its gradient is the adjoint (col2im), whose gradient is im2col again.
    /// </summary>
    public Tensor Im2Col(int kernelH, int kernelW, int strideH = 1, int strideW = 1, int padH = 0, int padW = 0,
        int dilationH = 1, int dilationW = 1, double padValue = 0)
    {
        RequireFloat(nameof(Im2Col));
        if (Rank != 4)
        {
            throw new ArgumentException($"Im2Col: the input must be [N, C, H, W]; got {ShapeHelper.Format(_shape)}.");
        }
        if (kernelH <= 0 || kernelW <= 0 || strideH <= 0 || strideW <= 0 || dilationH <= 0 || dilationW <= 0 || padH < 0 || padW < 0)
        {
            throw new ArgumentException(
                $"Im2Col: kernel ({kernelH}, {kernelW}), stride ({strideH}, {strideW}) and dilation ({dilationH}, {dilationW}) must be positive, padding ({padH}, {padW}) not negative.");
        }
        var win = new Window2d(kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW);
        int[] inputShape = _shape;
        return Im2ColCore(win, inputShape, padValue);
    }

    private Tensor Im2ColCore(Window2d win, int[] inputShape, double padValue)
    {
        int n = _shape[0], c = _shape[1], h = _shape[2], w = _shape[3];
        int oh = win.OutH(h), ow = win.OutW(w);
        if (oh <= 0 || ow <= 0)
        {
            throw new ArgumentException(
                $"Im2Col: the window ({win.KernelH}×{win.KernelW}, dilation {win.DilationH}×{win.DilationW}) is larger than the padded input {h + 2 * win.PadH}×{w + 2 * win.PadW}.");
        }
        var x = Contiguous();
        var result = Uninitialized([n, c * win.KernelH * win.KernelW, oh * ow], DType);
        if (DType == DType.Float32)
        {
            ConvKernels.Im2Col(x.Data<float>(), x._offset, n, c, h, w, win, (float)padValue, result.Data<float>());
        }
        else
        {
            ConvKernels.Im2Col(x.Data<double>(), x._offset, n, c, h, w, win, padValue, result.Data<double>());
        }
        return (NeedsGrad(this)
            ? result.Record(nameof(Im2Col), [this], g => [g.Col2Im(win, inputShape)])
            : result).Jvp(this, t => t.Im2ColCore(win, inputShape, 0));
    }

    /// <summary>The adjoint of <see cref="Im2Col"/>: patch values summed back into an [N, C, H, W] tensor.</summary>
    private Tensor Col2Im(Window2d win, int[] inputShape)
    {
        int n = inputShape[0], c = inputShape[1], h = inputShape[2], w = inputShape[3];
        var p = Contiguous();
        var result = Zeros(inputShape, DType);
        if (DType == DType.Float32)
        {
            ConvKernels.Col2Im(p.Data<float>(), p._offset, n, c, h, w, win, result.Data<float>());
        }
        else
        {
            ConvKernels.Col2Im(p.Data<double>(), p._offset, n, c, h, w, win, result.Data<double>());
        }
        return (NeedsGrad(this)
            ? result.Record("Col2Im", [this], g => [g.Im2ColCore(win, inputShape, 0)])
            : result).Jvp(this, t => t.Col2Im(win, inputShape));
    }

    /// <summary>
    /// 2-D convolution (cross-correlation, as in PyTorch) of x [N, C, H, W] with weight [O, C/groups, KH, KW] and
    /// optional bias [O]: <c>y[n, o] = b[o] + Σ_{c,i,j} w[o, c, i, j] · x[n, c, s·y + d·i − p, s·x + d·j − p]</c>.
    /// Built on im2col and GEMM.
    /// </summary>
    /// <exception cref="ArgumentException">Ranks, channel counts or groups do not fit.</exception>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, (int H, int W)? stride = null,
        (int H, int W)? padding = null, (int H, int W)? dilation = null, int groups = 1)
    {
        var s = stride ?? (1, 1);
        var p = padding ?? (0, 0);
        var d = dilation ?? (1, 1);
        if (input.Rank != 4 || weight.Rank != 4)
        {
            throw new ArgumentException(
                $"Conv2d: input must be [N, C, H, W] and weight [O, C/groups, KH, KW]; got {ShapeHelper.Format(input._shape)} and {ShapeHelper.Format(weight._shape)}.");
        }
        int c = input._shape[1], o = weight._shape[0];
        if (groups <= 0 || c % groups != 0 || o % groups != 0 || weight._shape[1] != c / groups)
        {
            throw new ArgumentException(
                $"Conv2d: {c} input channels and weight {ShapeHelper.Format(weight._shape)} do not fit groups = {groups}: C and O must be divisible by groups and weight.Size(1) must be C/groups = {(groups > 0 ? c / groups : 0)}.");
        }
        if (bias is not null && (bias.Rank != 1 || bias._shape[0] != o))
        {
            throw new ArgumentException($"Conv2d: bias must have shape [{o}], got {ShapeHelper.Format(bias._shape)}.", nameof(bias));
        }
        int n = input._shape[0], kh = weight._shape[2], kw = weight._shape[3];
        int cg = c / groups, og = o / groups;
        var win = new Window2d(kh, kw, s.H, s.W, p.H, p.W, d.H, d.W);
        int oh = win.OutH(input._shape[2]), ow = win.OutW(input._shape[3]);
        // With one group the bias is written into the product's output rows; otherwise it is added afterwards.
        bool biasInProduct = groups == 1 && bias is not null && bias.DType == input.DType && weight.DType == input.DType;
        var outputs = new Tensor[groups];
        for (int g = 0; g < groups; g++)
        {
            var x = groups == 1 ? input : input.Narrow(1, g * cg, cg);
            var w = (groups == 1 ? weight : weight.Narrow(0, g * og, og)).Reshape(og, cg * kh * kw);
            // [O/g, C/g·KH·KW] · [N, C/g·KH·KW, OH·OW] → [N, O/g, OH·OW]: one GEMM per image, output already NCHW.
            var columns = x.Im2Col(kh, kw, s.H, s.W, p.H, p.W, d.H, d.W);
            outputs[g] = biasInProduct ? SharedMatmul(w, columns, bias) : w.Matmul(columns);
        }
        var y = groups == 1 ? outputs[0] : Cat(outputs, 1);
        if (bias is not null && !biasInProduct)
        {
            y = y + bias.Reshape(o, 1);
        }
        return y.Reshape(n, o, oh, ow);
    }

    /// <summary>1-D convolution of x [N, C, L] with weight [O, C/groups, K]: Conv2d on a height-1 image.</summary>
    public static Tensor Conv1d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int dilation = 1, int groups = 1)
    {
        if (input.Rank != 3 || weight.Rank != 3)
        {
            throw new ArgumentException(
                $"Conv1d: input must be [N, C, L] and weight [O, C/groups, K]; got {ShapeHelper.Format(input._shape)} and {ShapeHelper.Format(weight._shape)}.");
        }
        return Conv2d(input.Unsqueeze(2), weight.Unsqueeze(2), bias, (1, stride), (0, padding), (1, dilation), groups).Squeeze(2);
    }

    /// <summary>
    /// Max pooling over KH×KW windows of x [N, C, H, W] (stride defaults to the kernel; padding reads −∞).
    /// Gradient: g to the (first) maximum of each window.
    /// </summary>
    public Tensor MaxPool2d((int H, int W) kernel, (int H, int W)? stride = null, (int H, int W)? padding = null, (int H, int W)? dilation = null)
        => Pool(kernel, stride, padding, dilation, max: true);

    /// <summary>Average pooling over KH×KW windows of x [N, C, H, W]; padded positions count as zeros.</summary>
    public Tensor AvgPool2d((int H, int W) kernel, (int H, int W)? stride = null, (int H, int W)? padding = null)
        => Pool(kernel, stride, padding, null, max: false);

    private Tensor Pool((int H, int W) kernel, (int H, int W)? stride, (int H, int W)? padding, (int H, int W)? dilation, bool max)
    {
        string name = max ? nameof(MaxPool2d) : nameof(AvgPool2d);
        if (Rank != 4)
        {
            throw new ArgumentException($"{name}: the input must be [N, C, H, W]; got {ShapeHelper.Format(_shape)}.");
        }
        var s = stride ?? kernel;
        var p = padding ?? (0, 0);
        var d = dilation ?? (1, 1);
        int n = _shape[0], c = _shape[1], h = _shape[2], w = _shape[3];
        var win = new Window2d(kernel.H, kernel.W, s.H, s.W, p.H, p.W, d.H, d.W);
        int oh = win.OutH(h), ow = win.OutW(w);
        if (!max)
        {
            var columns = Reshape(n * c, 1, h, w).Im2Col(kernel.H, kernel.W, s.H, s.W, p.H, p.W, d.H, d.W);
            return columns.Mean(1).Reshape(n, c, oh, ow);
        }
        RequireFloat(name);
        if (oh <= 0 || ow <= 0 || p.H * 2 > kernel.H || p.W * 2 > kernel.W)
        {
            throw new ArgumentException($"{name}: kernel {kernel.H}×{kernel.W} with padding {p.H}×{p.W} does not fit the input {h}×{w} (padding may be at most half the kernel).");
        }
        var x = Contiguous();
        var values = Uninitialized([n, c, oh, ow], DType);
        var argmax = new int[values.Numel];
        if (DType == DType.Float32)
        {
            ConvKernels.MaxPool(x.Data<float>(), x._offset, n * c, h, w, win, values.Data<float>(), argmax);
        }
        else
        {
            ConvKernels.MaxPool(x.Data<double>(), x._offset, n * c, h, w, win, values.Data<double>(), argmax);
        }
        int[] inputShape = _shape;
        return (NeedsGrad(this)
            ? values.Record(name, [this], g => [ScatterPlanes(g, argmax, inputShape)])
            : values).Jvp(this, t => GatherPlanes(t, argmax, values._shape));
    }

    /// <summary>The adjoint of picking one element per output position: g [N, C, OH, OW] added into zeros [N, C, H, W] at <paramref name="index"/>.</summary>
    private static Tensor ScatterPlanes(Tensor g, int[] index, int[] inputShape)
    {
        var gc = g.Contiguous();
        var result = Uninitialized(inputShape, g.DType);
        int planes = inputShape[0] * inputShape[1];
        int planeSize = inputShape[2] * inputShape[3];
        int perPlane = g.Numel / Math.Max(planes, 1);
        if (g.DType == DType.Float32)
        {
            ConvKernels.ScatterPlanes(gc.Data<float>(), gc._offset, index, planes, perPlane, planeSize, result.Data<float>());
        }
        else
        {
            ConvKernels.ScatterPlanes(gc.Data<double>(), gc._offset, index, planes, perPlane, planeSize, result.Data<double>());
        }
        int[] outputShape = g._shape;
        return (NeedsGrad(g)
            ? result.Record("MaxPoolBackward", [g], gg => [GatherPlanes(gg, index, outputShape)])
            : result).Jvp(g, t => ScatterPlanes(t, index, inputShape));
    }

    /// <summary>Picks x [N, C, H, W] at <paramref name="index"/> into [N, C, OH, OW]; the adjoint of <see cref="ScatterPlanes"/>.</summary>
    private static Tensor GatherPlanes(Tensor x, int[] index, int[] outputShape)
    {
        var xc = x.Contiguous();
        var result = Uninitialized(outputShape, x.DType);
        int planes = outputShape[0] * outputShape[1];
        int perPlane = outputShape[2] * outputShape[3];
        int planeSize = x._shape[2] * x._shape[3];
        if (x.DType == DType.Float32)
        {
            ConvKernels.GatherPlanes(xc.Data<float>(), xc._offset, index, planes, perPlane, planeSize, result.Data<float>());
        }
        else
        {
            ConvKernels.GatherPlanes(xc.Data<double>(), xc._offset, index, planes, perPlane, planeSize, result.Data<double>());
        }
        int[] inputShape = x._shape;
        return (NeedsGrad(x)
            ? result.Record("MaxPoolGather", [x], g => [ScatterPlanes(g, index, inputShape)])
            : result).Jvp(x, t => GatherPlanes(t, index, outputShape));
    }
}
