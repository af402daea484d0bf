using Leibniz.Lab;

namespace Leibniz.Tests.Lab;

public class ReportTemplateTests
{
    private static Func<string, (bool, object?)> Values(params (string Key, object? Value)[] values)
    {
        var map = values.ToDictionary(v => v.Key, v => v.Value);
        return key => map.TryGetValue(key, out var value) ? (true, value) : (false, null);
    }

    [Fact]
    public void Placeholders_take_values_formats_lists_and_literal_braces()
    {
        var sections = ReportTemplate.Render("## Setup\n\nRates {rates}, accuracy {acc:P1}, set {{{n}}}, width {width}.\n",
            Values(("rates", new[] { 0.5, 0.25 }), ("acc", 0.9876), ("n", 3), ("width", 64)), "test.md");
        var section = Assert.Single(sections);
        Assert.Equal("Setup", section.Heading);
        Assert.Equal("Rates 0.5, 0.25, accuracy 98.8 %, set {3}, width 64.", section.Markdown);
    }

    [Fact]
    public void A_conditional_section_appears_only_when_its_key_has_a_value()
    {
        const string template = "## Always\n\nA\n\n## Sometimes {?extra}\n\nB {extra}\n";
        Assert.Equal(["Always"], ReportTemplate.Render(template, Values(("extra", null)), "t.md").Select(s => s.Heading));
        Assert.Equal(["Always", "Sometimes"], ReportTemplate.Render(template, Values(("extra", "x")), "t.md").Select(s => s.Heading));
    }

    [Fact]
    public void A_missing_value_names_the_template_the_section_and_the_key()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ReportTemplate.Render("## Setup\n\n{nowhere}\n", Values(), "parity.md"));
        Assert.Contains("parity.md", error.Message);
        Assert.Contains("'Setup'", error.Message);
        Assert.Contains("{nowhere}", error.Message);
    }

    [Fact]
    public void Every_experiment_pack_embeds_the_templates_of_its_experiments()
    {
        foreach (var experiment in Leibniz.Cli.ExperimentRegistry.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(ReportTemplate.Load(experiment.GetType().Assembly, experiment.Name)));
        }
    }
}
