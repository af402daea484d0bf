using Leibniz.Autograd;
using Leibniz.Data;
using Leibniz.Nn;
using Leibniz.Numerics;
using Leibniz.Optim;
using Leibniz.Tensors;

namespace Leibniz.Workloads;

/// <summary>
/// W1–W3: training throughput. W1: MLP 784-512-512-10 (ReLU) on the first 10,000 Fashion-MNIST images, batch
/// 128, SGD(0.01, momentum 0.9), 1 warm-up and 3 timed epochs. W2: 20-bit parity, MLP 20-128-128-1 (tanh),
/// BCE with logits, Adam(1e-3), batch 256 taken in order from 8192 fixed rows, 100 warm-up and 2000 timed steps.
/// W3: LeNet-5-like CNN, batch 64, SGD(0.01, momentum 0.9), 1 warm-up and 2 timed epochs.
/// </summary>
public static class TrainingWorkloads
{
    public static BenchRecord MlpTrain(int threads, int seed = 0)
    {
        var (x, y) = FashionMnist.Load(10000);
        var generator = new Generator((ulong)seed);
        var model = new Mlp([784, 512, 512, 10], Activation.Relu, generator);
        var (seconds, loss) = TrainEpochs(model, x, y, batch: 128, timedEpochs: 3, generator);
        return new BenchRecord("W1", threads)
            .Add("samples_per_s", 3 * x.Size(0) / seconds).Add("seconds_3_epochs", seconds)
            .Add("final_loss", loss).Add("train_acc", Evaluation.Accuracy(model, x, y));
    }

    public static BenchRecord Cnn(int threads, int seed = 0)
    {
        var (x, y) = FashionMnist.Load(10000, images: true);
        var generator = new Generator((ulong)seed);
        var model = LeNet(generator);
        var (seconds, loss) = TrainEpochs(model, x, y, batch: 64, timedEpochs: 2, generator);
        return new BenchRecord("W3", threads)
            .Add("samples_per_s", 2 * x.Size(0) / seconds).Add("seconds_2_epochs", seconds)
            .Add("final_loss", loss).Add("train_acc", Evaluation.Accuracy(model, x, y));
    }

    /// <summary>Conv(1→6, 5) → ReLU → MaxPool 2 → Conv(6→16, 5) → ReLU → MaxPool 2 → Flatten → 256-120-84-10 with ReLU.</summary>
    public static Sequential LeNet(Generator generator) => new(
        new Conv2d(1, 6, 5, generator), new Relu(), new MaxPool2d(2),
        new Conv2d(6, 16, 5, generator), new Relu(), new MaxPool2d(2),
        new Flatten(),
        new Linear(256, 120, generator), new Relu(), new Linear(120, 84, generator), new Relu(), new Linear(84, 10, generator));

    public static BenchRecord TinyMlp(int threads, int seed = 0)
    {
        var generator = new Generator((ulong)seed);
        var bits = Tensor.RandInt(generator, 0, 2, 8192, 20).To(DType.Float32);
        var labels = Parity(bits);
        var model = new Mlp([20, 128, 128, 1], Activation.Tanh, generator);
        var optimizer = new Adam(model.Parameters(), 1e-3);
        double lastLoss = 0;
        void Step(int k)
        {
            int start = k % 32 * 256;
            optimizer.ZeroGrad();
            var loss = Loss.BinaryCrossEntropyWithLogits(model.Forward(bits.Narrow(0, start, 256)), labels.Narrow(0, start, 256));
            loss.Backward();
            optimizer.Step();
            lastLoss = loss.Item();
        }
        for (int k = 0; k < 100; k++)
        {
            Step(k);
        }
        double seconds = Timing.Seconds(() =>
        {
            for (int k = 100; k < 2100; k++)
            {
                Step(k);
            }
        });
        double accuracy;
        using (GradMode.NoGrad())
        {
            accuracy = model.Forward(bits).Gt(0).To(DType.Float32).Eq(labels).To(DType.Float32).Mean().Item();
        }
        return new BenchRecord("W2", threads)
            .Add("steps_per_s", 2000 / seconds).Add("us_per_step", seconds / 2000 * 1e6)
            .Add("final_loss", lastLoss).Add("train_acc", accuracy);
    }

    /// <summary>Σ bits mod 2 as a float column [n, 1].</summary>
    internal static Tensor Parity(Tensor bits)
    {
        long[] sums = bits.To(DType.Int64).Sum(1).ToArray<long>();
        return Tensor.FromArray(Array.ConvertAll(sums, s => (float)(s % 2)), sums.Length, 1);
    }

    private static (double Seconds, double Loss) TrainEpochs(Module model, Tensor x, Tensor y, int batch, int timedEpochs, Generator generator)
    {
        var optimizer = new Sgd(model.Parameters(), 0.01, momentum: 0.9);
        var loader = new DataLoader(new TensorDataset(x, y), batch, shuffle: true, generator: generator.Split());
        double lastLoss = 0;
        void Epoch()
        {
            foreach (var (xb, yb) in loader)
            {
                optimizer.ZeroGrad();
                var loss = Loss.CrossEntropy(model.Forward(xb), yb);
                loss.Backward();
                optimizer.Step();
                lastLoss = loss.Item();
            }
        }
        Epoch();
        double seconds = Timing.Seconds(() =>
        {
            for (int e = 0; e < timedEpochs; e++)
            {
                Epoch();
            }
        });
        return (seconds, lastLoss);
    }
}
