using System.Text.Json.Nodes;
using Leibniz.Graphs;
using Leibniz.Graphs.Certification;
using Leibniz.Graphs.Conjectures;

namespace Leibniz.Tests.Graphs;

public sealed class CertificateFileTests() : TemporaryFolderTests("leibniz-certificate-")
{
    [Fact]
    public void A_written_certificate_verifies_and_a_tampered_one_does_not()
    {
        string path = Path.Combine(Folder, "k4.json");
        var certificate = Certificate.Check(NamedGraphs.Complete(4), Conjecture.Resolve("m < n"));
        Assert.True(certificate.Certified);
        CertificateFile.Write(path, certificate);
        var verified = CertificateFile.Verify(path);
        Assert.True(verified.Certified, verified.Verdict);
        Assert.Equal("m < n", verified.Conjecture.Text);

        var document = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        document["graph6"] = Graph6.Encode(NamedGraphs.Path(4));
        File.WriteAllText(path, document.ToJsonString());
        Assert.False(CertificateFile.Verify(path).Certified);

        document["graph6"] = "!!";
        File.WriteAllText(path, document.ToJsonString());
        Assert.Contains("graph6", Assert.Throws<InvalidDataException>(() => CertificateFile.Verify(path)).Message);
        File.WriteAllText(path, "[]");
        Assert.Contains("not a JSON object", Assert.Throws<InvalidDataException>(() => CertificateFile.Verify(path)).Message);
    }
}
