using Leibniz.Data;
using Leibniz.Numerics;

namespace Leibniz.Tests.Data;

public class ShapesetTests
{
    [Fact]
    public void Shapeset_images_are_balanced_grey_shapes_on_black()
    {
        var data = Shapeset.Generate(90, new Generator(1));
        Assert.Equal([90, 1024], data.Inputs.Shape.ToArray());
        var labels = data.Targets.ToArray<long>();
        Assert.All(Enumerable.Range(0, 9), c => Assert.Equal(10, labels.Count(l => l == c)));
        var pixels = data.Inputs.ToArray<float>();
        for (int i = 0; i < 90; i++)
        {
            var image = pixels.AsSpan(i * 1024, 1024).ToArray();
            Assert.All(image, v => Assert.InRange(v, 0f, 1f));
            var greys = image.Where(v => v > 0).Distinct().Count();
            Assert.True(image.Count(v => v > 0) >= 12, $"image {i} is nearly empty");
            // Classes 0-2 hold one shape (one grey level), classes 3-8 two (one or two grey levels).
            Assert.InRange(greys, 1, labels[i] < 3 ? 1 : 2);
        }
        Assert.Equal(pixels, Shapeset.Generate(90, new Generator(1)).Inputs.ToArray<float>());
    }
}
