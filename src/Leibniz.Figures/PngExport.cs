using SkiaSharp;
using Svg.Skia;
using Svg.Skia.TypefaceProviders;
using Leibniz.IO;

namespace Leibniz.Figures;

/// <summary>
/// PNG copies of SVG figures, for slides: the SVG rendered by Svg.Skia at <c>scale</c> times its size on white, with
/// the DejaVu Sans faces embedded in this assembly for every font (so that text renders where no fonts are installed).
/// </summary>
public static class PngExport
{
    private static readonly Lazy<(SKTypeface Regular, SKTypeface Bold)> s_fonts = new(() => (Load("DejaVuSans.ttf"), Load("DejaVuSans-Bold.ttf")));

    /// <summary>Renders <paramref name="svgText"/> into the PNG file <paramref name="path"/> (written atomically).</summary>
    /// <exception cref="InvalidOperationException">The SVG could not be parsed or rendered.</exception>
    public static void Save(string svgText, string path, float scale = 2)
    {
        var svg = new SKSvg();
        var providers = svg.Settings?.TypefaceProviders ?? throw new InvalidOperationException("PNG export: Svg.Skia has no settings to take the embedded fonts.");
        providers.Clear();
        providers.Add(new EmbeddedFonts());
        if (svg.FromSvg(svgText) is null)
        {
            throw new InvalidOperationException($"PNG export: the SVG for '{path}' could not be parsed.");
        }
        AtomicFile.Write(path, stream =>
        {
            if (!svg.Save(stream, SKColors.White, SKEncodedImageFormat.Png, 100, scale, scale))
            {
                throw new InvalidOperationException($"PNG export: the SVG for '{path}' could not be rendered.");
            }
        });
    }

    private static SKTypeface Load(string name)
    {
        using var stream = typeof(PngExport).Assembly.GetManifestResourceStream($"Leibniz.Figures.{name}")
            ?? throw new InvalidOperationException($"PNG export: the embedded font {name} is missing from {typeof(PngExport).Assembly.GetName().Name}.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"PNG export: the embedded font {name} could not be read.");
    }

    /// <summary>DejaVu Sans for every family; the bold face from weight 600.</summary>
    private sealed class EmbeddedFonts : ITypefaceProvider
    {
        public SKTypeface FromFamilyName(string fontFamily, SKFontStyleWeight fontWeight, SKFontStyleWidth fontWidth, SKFontStyleSlant fontStyle) =>
            (int)fontWeight >= 600 ? s_fonts.Value.Bold : s_fonts.Value.Regular;
    }
}
