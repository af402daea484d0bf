namespace Leibniz.Tests;

/// <summary>Base for tests that need a scratch folder: a fresh temporary directory, deleted afterwards.</summary>
public abstract class TemporaryFolderTests : IDisposable
{
    protected TemporaryFolderTests(string prefix)
    {
        Folder = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    /// <summary>The scratch folder.</summary>
    protected string Folder { get; }

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
