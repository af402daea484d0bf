using Leibniz.Analysis;
using Leibniz.Autograd;
using Leibniz.Data;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Optim;
using Leibniz.Tensors;

namespace Leibniz.Workloads;

/// <summary>
/// W5: Li et al.'s filter-normalised 2-D loss surface. An MLP 784-128-128-10 (ReLU) trained 2 epochs on the
/// first 10,000 Fashion-MNIST images (SGD 0.01, momentum 0.9, batch 128); two Gaussian directions with each row
/// rescaled to the norm of the same row of the trained weights, bias directions zero; the mean cross-entropy on the
/// first 2048 images at θ* + α·d₁ + β·d₂ for α, β ∈ linspace(−1, 1, 31) (961 points). <c>grid_s</c> is the
/// library's grid for a fixed input set (the first layer's products X·W*ᵀ, X·D₁ᵀ, X·D₂ᵀ computed once);
/// <c>plain_grid_s</c> the same grid by a forward pass per point, and <c>max_abs_diff</c> the largest difference.
/// </summary>
public static class LandscapeWorkload
{
    public static BenchRecord Run(int threads, int seed = 0)
    {
        var (x, y) = FashionMnist.Load(10000);
        var generator = new Generator((ulong)seed);
        var model = new Mlp([784, 128, 128, 10], Activation.Relu, generator);
        double train = Timing.Seconds(() =>
        {
            var optimizer = new Sgd(model.Parameters(), 0.01, momentum: 0.9);
            var loader = new DataLoader(new TensorDataset(x, y), 128, shuffle: true, generator: generator.Split());
            for (int epoch = 0; epoch < 2; epoch++)
            {
                foreach (var (xb, yb) in loader)
                {
                    optimizer.ZeroGrad();
                    Nn.Loss.CrossEntropy(model.Forward(xb), yb).Backward();
                    optimizer.Step();
                }
            }
        });
        var probe = x.Narrow(0, 0, 2048).Contiguous();
        var labels = y.Narrow(0, 0, 2048).Contiguous();
        var parameters = model.Parameters();
        var d1 = LossLandscape.RandomDirection(parameters, generator);
        var d2 = LossLandscape.RandomDirection(parameters, generator);
        var axis = Enumerable.Range(0, 31).Select(i => -1 + i / 15.0).ToArray();
        double ProbeLoss()
        {
            using (GradMode.NoGrad())
            {
                return Nn.Loss.CrossEntropy(model.Forward(probe), labels).Item();
            }
        }
        double[,] plain = new double[0, 0], grid = new double[0, 0];
        double plainSeconds = Timing.Seconds(() => plain = LossLandscape.Slice2D(parameters, d1, d2, axis, axis, ProbeLoss));
        double seconds = Timing.Seconds(() => grid = LossLandscape.Slice2D(model, probe, output => Nn.Loss.CrossEntropy(output, labels).Item(), d1, d2, axis, axis));
        double difference = plain.Cast<double>().Zip(grid.Cast<double>()).Max(p => Math.Abs(p.First - p.Second));
        return new BenchRecord("W5", threads).Add("grid_s", seconds).Add("plain_grid_s", plainSeconds).Add("train_s", train).Add("center_loss", grid[15, 15])
            .Add("min_loss", grid.Cast<double>().Min()).Add("max_loss", grid.Cast<double>().Max()).Add("max_abs_diff", difference);
    }
}
