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
/// A group of settings that configurations share (data, model, training). A configuration property of a type derived
/// from this is not a parameter itself: its properties are, under their own flat keys (<c>--set epochs=5</c>, not
/// <c>training.epochs</c>), so experiments compose groups without changing what users type.
/// </summary>
public abstract record Settings;

/// <summary>The key of a parameter when it differs from the camelCase property name.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ConfigKeyAttribute(string key) : Attribute
{
    /// <summary>The key used by <c>--set</c>, JSON files and config.json.</summary>
    public string Key { get; } = key;
}

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

    /// <summary>A parameter: the chain of properties from the configuration through its setting groups to the value.</summary>
    private sealed record Parameter(PropertyInfo[] Path)
    {
        public PropertyInfo Property => Path[^1];

        public string Key => KeyOf(Property);

        public object? Get(object config)
        {
            object? value = config;
            foreach (var p in Path)
            {
                value = p.GetValue(value!);
            }
            return value;
        }

        public void Set(object config, object? value)
        {
            object owner = config;
            foreach (var p in Path[..^1])
            {
                owner = p.GetValue(owner) ?? throw new ConfigException($"The setting group '{p.Name}' of {config.GetType().Name} is null; give it a default.");
            }
            Property.SetValue(owner, value);
        }
    }

    /// <summary>
    /// The parameters of a configuration type, setting groups flattened in declaration order (groups where they are
    /// declared).
    /// </summary>
    /// <exception cref="InvalidOperationException">Two parameters share a key.</exception>
    private static List<Parameter> Parameters(Type type)
    {
        var result = new List<Parameter>();
        Collect(type, [], result);
        var repeated = result.GroupBy(p => p.Key).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new InvalidOperationException($"{type.Name}: the key '{repeated.Key}' is used by {string.Join(" and ", repeated.Select(p => string.Join(".", p.Path.Select(q => q.Name))))}.");
        }
        return result;
    }

    private static void Collect(Type type, PropertyInfo[] prefix, List<Parameter> into)
    {
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0).OrderBy(p => p.MetadataToken))
        {
            if (typeof(Settings).IsAssignableFrom(p.PropertyType))
            {
                Collect(p.PropertyType, [.. prefix, p], into);
            }
            else if (p.Name != "EqualityContract")
            {
                into.Add(new Parameter([.. prefix, p]));
            }
        }
    }

    /// <summary>The key of a property: its <see cref="ConfigKeyAttribute"/>, else its camelCase name.</summary>
    public static string KeyOf(PropertyInfo p) => p.GetCustomAttribute<ConfigKeyAttribute>()?.Key ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name);

    /// <summary>The keys of a configuration type's parameters, in the order <c>describe</c> lists them.</summary>
    public static IReadOnlyList<string> Keys(Type configType) => [.. Parameters(configType).Select(p => p.Key)];

    /// <summary>Every parameter with its type, default, description and range.</summary>
    public static IReadOnlyList<ParameterInfo> Describe(IExperiment experiment)
    {
        var defaults = experiment.DefaultConfig();
        return Parameters(experiment.ConfigType).Select(parameter =>
        {
            var p = parameter.Property;
            var range = p.GetCustomAttribute<RangeAttribute>();
            return new ParameterInfo(parameter.Key, TypeName(p.PropertyType), Format(parameter.Get(defaults)),
                p.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "",
                range is null ? null : $"[{range.Minimum}, {range.Maximum}]");
        }).ToList();
    }

    /// <summary>The configuration as a flat JSON object, key → value, in the order <c>describe</c> lists them (config.json's <c>config</c>).</summary>
    public static System.Text.Json.Nodes.JsonObject ToJson(object config)
    {
        var result = new System.Text.Json.Nodes.JsonObject();
        foreach (var parameter in Parameters(config.GetType()))
        {
            result[parameter.Key] = JsonSerializer.SerializeToNode(parameter.Get(config), parameter.Property.PropertyType, Json);
        }
        return result;
    }

    /// <summary>The value of the parameter <paramref name="key"/>, for report templates.</summary>
    public static bool TryGet(object config, string key, out object? value)
    {
        var parameter = Parameters(config.GetType()).FirstOrDefault(p => p.Key == key);
        value = parameter?.Get(config);
        return parameter is not null;
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
        var parameters = Parameters(config.GetType());
        var parameter = parameters.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase));
        if (parameter is null)
        {
            var keys = parameters.Select(p => p.Key).ToArray();
            var close = Suggestions.Closest(key, keys);
            throw new ConfigException(
                $"Unknown parameter '{key}'.{(close.Length > 0 ? $" Did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?" : "")} Valid parameters: {string.Join(", ", keys)}.");
        }
        object parsed = Parse(parameter.Property, value);
        Check(parameter.Property, parsed);
        parameter.Set(config, parsed);
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
            Apply(config, document.RootElement, $"Configuration file '{path}'");
        }
    }

    /// <summary>
    /// Applies every property of a JSON object (a config file's contents, or config.json's <c>config</c> when a run
    /// resumes); a JSON null sets a parameter that may be null to null. <paramref name="source"/> names the object in messages.
    /// </summary>
    /// <exception cref="ConfigException">Not a JSON object, or a bad entry.</exception>
    public static void Apply(object config, JsonElement values, string source)
    {
        if (values.ValueKind != JsonValueKind.Object)
        {
            throw new ConfigException($"{source} must hold a JSON object of parameter: value pairs.");
        }
        foreach (var property in values.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                SetNull(config, property.Name, source);
                continue;
            }
            string text = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Array => string.Join(",", property.Value.EnumerateArray().Select(e => e.ToString())),
                _ => property.Value.GetRawText(),
            };
            Set(config, property.Name, text);
        }
    }

    private static void SetNull(object config, string key, string source)
    {
        var parameter = Parameters(config.GetType()).FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase));
        if (parameter is null || (parameter.Property.PropertyType.IsValueType && Nullable.GetUnderlyingType(parameter.Property.PropertyType) is null))
        {
            Set(config, key, "null"); // the usual message: unknown key, or "needs an integer; 'null' is not one"
            return;
        }
        parameter.Set(config, null);
    }

    /// <summary>Checks every property against its range (for configurations built in code).</summary>
    public static void Validate(object config)
    {
        foreach (var parameter in Parameters(config.GetType()))
        {
            Check(parameter.Property, parameter.Get(config));
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
