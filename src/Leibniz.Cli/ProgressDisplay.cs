using System.Diagnostics;
using Leibniz.Experiments;
using Spectre.Console;
using Leibniz.Lab;

namespace Leibniz.Cli;

/// <summary>
/// Shows an experiment's progress: live bars in an interactive terminal, plain log lines when the output is
/// redirected (CI, pipes, tests).
/// </summary>
internal static class ProgressDisplay
{
    public static T Run<T>(IAnsiConsole console, Func<IRunProgress, T> work)
    {
        if (!console.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
        {
            return work(new PlainProgress(console));
        }
        T result = default!;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context => result = work(new LiveProgress(context, console)));
        return result;
    }

    private sealed class LiveProgress(ProgressContext context, IAnsiConsole console) : IRunProgress
    {
        public IProgressTask Start(string name, int total)
        {
            var task = context.AddTask(Markup.Escape(name), maxValue: Math.Max(total, 1));
            return new LiveTask(task, name);
        }

        public void Message(string text) => console.MarkupLine($"[grey]{Markup.Escape(text)}[/]");

        private sealed class LiveTask(ProgressTask task, string name) : IProgressTask
        {
            public void Advance(int steps = 1, string? status = null)
            {
                task.Increment(steps);
                if (status is not null)
                {
                    task.Description = Markup.Escape($"{name}  {status}");
                }
            }

            public void Complete()
            {
                task.Value = task.MaxValue;
                task.StopTask();
            }
        }
    }

    /// <summary>One line when a task starts, at most every ten percent or five seconds, and when it ends.</summary>
    private sealed class PlainProgress(IAnsiConsole console) : IRunProgress
    {
        public IProgressTask Start(string name, int total)
        {
            console.Profile.Out.Writer.WriteLine($"{name}: started ({total} steps)");
            return new PlainTask(console, name, Math.Max(total, 1));
        }

        public void Message(string text) => console.Profile.Out.Writer.WriteLine(text);

        private sealed class PlainTask(IAnsiConsole console, string name, int total) : IProgressTask
        {
            private readonly Stopwatch _clock = Stopwatch.StartNew();
            private int _done;
            private int _lastDecile;
            private double _lastSeconds;

            public void Advance(int steps = 1, string? status = null)
            {
                _done += steps;
                int decile = _done * 10 / total;
                if (decile > _lastDecile || _clock.Elapsed.TotalSeconds - _lastSeconds > 5)
                {
                    _lastDecile = decile;
                    _lastSeconds = _clock.Elapsed.TotalSeconds;
                    console.Profile.Out.Writer.WriteLine($"{name}: {_done}/{total} {status}");
                }
            }

            public void Complete() => console.Profile.Out.Writer.WriteLine($"{name}: done in {_clock.Elapsed.TotalSeconds:F1} s");
        }
    }
}
