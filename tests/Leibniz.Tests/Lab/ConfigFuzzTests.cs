using Leibniz.Cli;
using Leibniz.Lab;
using Leibniz.Numerics;

namespace Leibniz.Tests.Lab;

/// <summary>
/// <c>--set</c> values and JSON configuration files as users write them: mutations raise only <see cref="ConfigException"/>.
/// <c>LEIBNIZ_FUZZ_INPUTS</c> sets the count (default 3,000 of each).
/// </summary>
public sealed class ConfigFuzzTests() : TemporaryFolderTests("leibniz-config-fuzz-")
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789 ,.-+e[]{}\":=_";

    private static string Mutate(string text, Generator generator)
    {
        var chars = text.ToList();
        int edits = 1 + (int)generator.NextInt64(3);
        for (int e = 0; e < edits; e++)
        {
            int at = (int)generator.NextInt64(chars.Count + 1);
            char c = Alphabet[(int)generator.NextInt64(Alphabet.Length)];
            switch (generator.NextInt64(3))
            {
                case 0 when at < chars.Count:
                    chars[at] = c;
                    break;
                case 1 when at < chars.Count:
                    chars.RemoveAt(at);
                    break;
                default:
                    chars.Insert(at, c);
                    break;
            }
        }
        return new string([.. chars]);
    }

    private static int Inputs => int.TryParse(Environment.GetEnvironmentVariable("LEIBNIZ_FUZZ_INPUTS"), out int n) ? n : 3000;

    [Fact]
    public void Mutated_assignments_raise_only_ConfigException()
    {
        string[] valid = ["bits=10", "hidden=64,64", "activation=leaky_relu", "trainFractions=[0.5,0.75]", "learningRate=2.5e-3", "epochs=3", "sparseBits=0"];
        var experiment = ExperimentRegistry.Find("parity")!;
        var generator = new Generator(31);
        int accepted = 0, refused = 0;
        for (int i = 0; i < Inputs; i++)
        {
            var config = experiment.QuickConfig();
            try
            {
                ConfigBinder.Set(config, [Mutate(valid[i % valid.Length], generator)]);
                ConfigBinder.Validate(config);
                accepted++;
            }
            catch (ConfigException)
            {
                refused++;
            }
        }
        Assert.True(accepted > 0 && refused > 0, $"{accepted} accepted, {refused} refused");
    }

    [Fact]
    public void Mutated_configuration_files_raise_only_ConfigException()
    {
        const string valid = """{"bits": 10, "hidden": [64, 64], "activation": "tanh", "trainFractions": [0.5], "epochs": 3, "learningRate": 0.001}""";
        var experiment = ExperimentRegistry.Find("parity")!;
        var generator = new Generator(32);
        string path = Path.Combine(Folder, "config.json");
        int accepted = 0, refused = 0;
        for (int i = 0; i < Inputs; i++)
        {
            File.WriteAllText(path, Mutate(valid, generator));
            var config = experiment.QuickConfig();
            try
            {
                ConfigBinder.Load(config, path);
                ConfigBinder.Validate(config);
                accepted++;
            }
            catch (ConfigException)
            {
                refused++;
            }
        }
        Assert.True(accepted > 0 && refused > 0, $"{accepted} accepted, {refused} refused");
    }
}
