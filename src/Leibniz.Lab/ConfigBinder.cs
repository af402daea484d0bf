using Leibniz.Numerics;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Leibniz.Lab;

/// <summary>A configuration problem the user can fix: an unknown key, a value of the wrong type or out of range.</summary>
public sealed class ConfigException(string message) : Exception(message);

/// <summary>One configurable parameter of an experiment.</summary>
public sealed record ParameterInfo(string Key, string TypeName, string Default, string Description, string? Range);

/// <summary>
/// Reads and writes configuration records by key (the camelCase property name): <c>--set key=value</c>, JSON
/// files, descriptions for <c>leibniz describe</c>, and validation against <see cref="RangeAttribute"/>.
/// </summary>
public static class ConfigBinder
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static PropertyInfo[] Properties(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToArray();

    /// <summary>The key of a property: its camelCase name.</summary>
    public static string KeyOf(PropertyInfo p) => JsonNamingPolicy.CamelCase.ConvertName(p.Name);

    /// <summary>Every parameter with its type, default, description and range.</summary>
    public static IReadOnlyList<ParameterInfo> Describe(IExperiment experiment)
    {
        var defaults = experiment.DefaultConfig();
        return Properties(experiment.ConfigType).Select(p =>
        {
            var range = p.GetCustomAttribute<RangeAttribute>();
            return new ParameterInfo(KeyOf(p), TypeName(p.PropertyType), Format(p.GetValue(defaults)),
                p.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "",
                range is null ? null : $"[{range.Minimum}, {range.Maximum}]");
        }).ToList();
    }

    /// <summary>A copy of <paramref name="config"/> (records are copied through JSON).</summary>
    public static object Copy(object config) => JsonSerializer.Deserialize(JsonSerializer.Serialize(config, config.GetType(), Json), config.GetType(), Json)!;

    /// <summary>Applies <c>key=value</c> assignments.</summary>
    /// <exception cref="ConfigException">Malformed assignment, unknown key, bad value or out of range.</exception>
    public static void Set(object config, IEnumerable<string> assignments)
    {
        foreach (string assignment in assignments)
        {
            int eq = assignment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ConfigException($"--set '{assignment}' is not of the form key=value (for example --set epochs=20).");
            }
            Set(config, assignment[..eq].Trim(), assignment[(eq + 1)..].Trim());
        }
    }

    /// <summary>Sets one parameter from text.</summary>
    public static void Set(object config, string key, string value)
    {
        var properties = Properties(config.GetType());
        var property = properties.FirstOrDefault(p => string.Equals(KeyOf(p), key, StringComparison.OrdinalIgnoreCase));
        if (property is null)
        {
            var keys = properties.Select(KeyOf).ToArray();
            var close = Suggestions.Closest(key, keys);
            throw new ConfigException(
                $"Unknown parameter '{key}'.{(close.Length > 0 ? $" Did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?" : "")} Valid parameters: {string.Join(", ", keys)}.");
        }
        object parsed = Parse(property, value);
        Check(property, parsed);
        property.SetValue(config, parsed);
    }

    /// <summary>Applies every property of a JSON object file.</summary>
    /// <exception cref="ConfigException">The file is missing, not a JSON object, or has a bad entry.</exception>
    public static void Load(object config, string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigException($"Configuration file '{path}' does not exist.");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new ConfigException($"Configuration file '{path}' is not valid JSON: {e.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigException($"Configuration file '{path}' must hold a JSON object of parameter: value pairs.");
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                string text = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.Array => string.Join(",", property.Value.EnumerateArray().Select(e => e.ToString())),
                    _ => property.Value.GetRawText(),
                };
                Set(config, property.Name, text);
            }
        }
    }

    /// <summary>Checks every property against its range (for configurations built in code).</summary>
    public static void Validate(object config)
    {
        foreach (var p in Properties(config.GetType()))
        {
            Check(p, p.GetValue(config));
        }
        if (config is IValidatableObject validatable)
        {
            foreach (var result in validatable.Validate(new ValidationContext(config)))
            {
                throw new ConfigException(result.ErrorMessage ?? "The configuration is not valid.");
            }
        }
    }

    private static object Parse(PropertyInfo p, string text)
    {
        var type = p.PropertyType;
        string key = KeyOf(p);
        try
        {
            if (type == typeof(string))
            {
                return text;
            }
            if (type == typeof(bool))
            {
                return bool.Parse(text);
            }
            if (type.IsEnum)
            {
                return ParseEnum(type, text);
            }
            if (type.IsArray)
            {
                var element = type.GetElementType()!;
                var parts = text.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var array = Array.CreateInstance(element, parts.Length);
                for (int i = 0; i < parts.Length; i++)
                {
                    array.SetValue(element.IsEnum ? ParseEnum(element, parts[i]) : Convert.ChangeType(parts[i], element, CultureInfo.InvariantCulture), i);
                }
                return array;
            }
            return Convert.ChangeType(text, type, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            var enumType = type.IsArray ? type.GetElementType()! : type;
            string expected = enumType.IsEnum ? $"{(type.IsArray ? "a comma-separated list of " : "")}one of {string.Join(", ", Enum.GetNames(enumType))}" : TypeName(type);
            throw new ConfigException($"Parameter '{key}' needs {expected}; '{text}' is not one.");
        }
    }

    /// <summary>An enum value by name, ignoring case, underscores and hyphens (<c>leaky_relu</c> is <c>LeakyRelu</c>); numbers are refused.</summary>
    private static object ParseEnum(Type type, string text)
    {
        string key = text.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        foreach (string name in Enum.GetNames(type))
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return Enum.Parse(type, name);
            }
        }
        throw new FormatException($"'{text}' is not a name of {type.Name}.");
    }

    private static void Check(PropertyInfo p, object? value)
    {
        var range = p.GetCustomAttribute<RangeAttribute>();
        if (range is null || value is null)
        {
            return;
        }
        IEnumerable<object> values = value is Array array ? array.Cast<object>() : [value];
        foreach (object v in values)
        {
            double d = Convert.ToDouble(v, CultureInfo.InvariantCulture);
            double min = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture), max = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
            if (d < min || d > max)
            {
                throw new ConfigException($"Parameter '{KeyOf(p)}' = {Format(v)} is out of range: it must lie in [{Format(range.Minimum)}, {Format(range.Maximum)}].");
            }
        }
    }

    private static string TypeName(Type t) => t switch
    {
        _ when t == typeof(int) => "an integer",
        _ when t == typeof(long) => "an integer",
        _ when t == typeof(double) => "a number",
        _ when t == typeof(bool) => "true or false",
        _ when t == typeof(string) => "text",
        _ when t.IsEnum => string.Join("|", Enum.GetNames(t)),
        _ when t.IsArray => $"a comma-separated list of {TypeName(t.GetElementType()!).Replace("an ", "", StringComparison.Ordinal).Replace("a ", "", StringComparison.Ordinal)}s",
        _ => t.Name,
    };

    /// <summary>Formats a value the way <c>--set</c> accepts it.</summary>
    public static string Format(object? v) => v switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Array a => string.Join(",", a.Cast<object>().Select(Format)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
