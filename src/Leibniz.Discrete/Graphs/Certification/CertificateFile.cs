using System.Text.Json;
using System.Text.Json.Nodes;
using Leibniz.Graphs.Conjectures;
using Leibniz.IO;

namespace Leibniz.Graphs.Certification;

/// <summary>
/// A certified counterexample as a small self-describing JSON file: the format tag, the conjecture's text, the graph
/// in graph6, the claim and the verdict of the check that certified it, and the recomputed invariants. Reading it
/// back re-checks the claim from the text and the graph alone, with the certifier's own exact algorithms.
/// </summary>
public static class CertificateFile
{
    /// <summary>The value of the file's <c>format</c> field.</summary>
    public const string Format = "leibniz-certificate/1";

    /// <summary>Writes <paramref name="certificate"/> to <paramref name="path"/> (atomically).</summary>
    public static void Write(string path, Certificate certificate)
    {
        var values = new JsonObject();
        foreach (var (name, value) in certificate.Values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            values[name] = value.ToString();
        }
        var document = new JsonObject
        {
            ["format"] = Format,
            ["kind"] = "graph counterexample",
            ["conjecture"] = certificate.Conjecture.Text,
            ["graph6"] = Graph6.Encode(certificate.Graph),
            ["order"] = certificate.Graph.Order,
            ["size"] = certificate.Graph.Size,
            ["claim"] = $"the graph refutes '{certificate.Conjecture.Text}'",
            ["certified"] = certificate.Certified,
            ["verdict"] = certificate.Verdict,
            ["values"] = values,
        };
        AtomicFile.WriteText(path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Reads a certificate file and checks its claim again from the conjecture's text and the graph.</summary>
    /// <exception cref="InvalidDataException">The file is not a certificate of this format; the message says what is wrong.</exception>
    public static Certificate Verify(string path)
    {
        JsonObject document;
        try
        {
            document = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new InvalidDataException($"'{path}' is not a certificate: it is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a certificate: {e.Message}", e);
        }
        string Field(string name) => document[name] is JsonValue value && value.TryGetValue(out string? text)
            ? text
            : throw new InvalidDataException($"'{path}': the field '{name}' is missing or not a string.");
        if (Field("format") != Format)
        {
            throw new InvalidDataException($"'{path}': format '{Field("format")}' is not {Format}.");
        }
        Graph graph;
        Conjecture conjecture;
        try
        {
            graph = Graph6.Decode(Field("graph6"));
            conjecture = Conjecture.Resolve(Field("conjecture"));
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"'{path}': {e.Message}", e);
        }
        return Certificate.Check(graph, conjecture);
    }
}
