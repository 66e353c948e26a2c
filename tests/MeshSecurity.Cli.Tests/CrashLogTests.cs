using MeshSecurity.Cli.Commands;

namespace MeshSecurity.Cli.Tests;

/// <summary>An unexpected exception reaches the user as one line naming the log that holds its trace.</summary>
public class CrashLogTests
{
    [Fact]
    public void A_crash_outside_a_run_is_written_to_a_log_of_its_own_and_shown_as_one_line()
    {
        var ex = Thrown(new InvalidOperationException("the clock went\nbackwards"));

        var log = CrashLog.Record(ex);
        var line = CrashLog.Line(ex, log);

        Assert.Contains(nameof(Thrown), File.ReadAllText(log)); // the trace is in the file
        Assert.DoesNotContain('\n', line);
        Assert.Contains("InvalidOperationException: the clock went backwards", line);
        Assert.EndsWith($"the trace is in {log})", line);
        Assert.DoesNotContain(" at ", line);
    }

    [Fact]
    public void A_crash_during_a_run_points_at_the_runs_own_log()
    {
        var ex = Thrown(new InvalidOperationException("boom"));
        ex.Data[CrashLog.LogKey] = "/runs/q/meshsec.log";

        Assert.Equal("/runs/q/meshsec.log", CrashLog.Record(ex));
    }

    private static Exception Thrown(Exception ex)
    {
        try
        {
            throw ex;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }
}
