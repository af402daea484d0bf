using Leibniz.Lab;

namespace Leibniz.Tests.Lab;

public class RunHistoryTests
{
    private static void WriteRun(string root, string name, string experiment, string status, double seconds, bool quick, string finished)
    {
        string folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), $$"""{"experiment": "{{experiment}}", "quick": {{(quick ? "true" : "false")}}}""");
        File.WriteAllText(Path.Combine(folder, "summary.json"), $$"""{"experiment": "{{experiment}}", "status": "{{status}}", "seconds": {{seconds}}, "finished": "{{finished}}"}""");
    }

    [Fact]
    public void The_last_completed_full_run_gives_the_running_time()
    {
        string root = Path.Combine(Path.GetTempPath(), $"leibniz-history-{Guid.NewGuid():N}");
        try
        {
            Assert.Null(RunHistory.Last(root, "parity"));
            WriteRun(root, "parity-1", "parity", "completed", 41.5, quick: false, "2026-01-01T10:00:00Z");
            WriteRun(root, "parity-2", "parity", "completed", 1.2, quick: true, "2026-01-02T10:00:00Z");
            WriteRun(root, "parity-3", "parity", "failed", 3, quick: false, "2026-01-03T10:00:00Z");
            WriteRun(root, "parity-4", "parity", "completed", 39, quick: false, "2026-01-01T09:00:00Z");
            Directory.CreateDirectory(Path.Combine(root, "parity-5"));
            var last = RunHistory.Last(root, "parity")!;
            Assert.Equal(41.5, last.Seconds);
            Assert.False(last.Quick);
            Assert.Null(RunHistory.Last(root, "mobius"));
            Assert.Equal("41.5 s", RunHistory.Format(41.5));
            Assert.Equal("3.5 min", RunHistory.Format(210));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }
}
