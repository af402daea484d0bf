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

    [Fact]
    public void Mutated_assignments_raise_only_ConfigException()
    {
        string[] valid = ["bits=10", "hidden=64,64", "activation=leaky_relu", "trainFractions=[0.5,0.75]", "learningRate=2.5e-3", "epochs=3", "sparseBits=0"];
        var experiment = ExperimentRegistry.Find("parity")!;
        var generator = new Generator(31);
        int accepted = 0, refused = 0;
        for (int i = 0; i < Fuzz.Inputs; i++)
        {
            var config = experiment.QuickConfig();
            try
            {
                ConfigBinder.Set(config, [Fuzz.Mutate(valid[i % valid.Length], generator, Alphabet)]);
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
        for (int i = 0; i < Fuzz.Inputs; i++)
        {
            File.WriteAllText(path, Fuzz.Mutate(valid, generator, Alphabet));
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
