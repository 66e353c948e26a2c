using System.CommandLine;
using MeshSecurity.Cli.Commands;

namespace MeshSecurity.Cli;

/// <summary>meshsec: run, validate and generate Mesh Security scenarios on an emulated network of chains.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("""
            meshsec - an actor-based emulator of Mesh Security (cross-chain restaking between Cosmos chains over IBC).

            Examples:
              meshsec run hocon/scenarios/quickstart.conf
              meshsec run hocon/scenarios/claims.conf --seed 7 --out out/claims --journal memory
              meshsec run hocon/scenarios/slash-propagation.conf --speed 3600
              meshsec run --resume out/quickstart
              meshsec validate hocon/scenarios/quickstart.conf
              meshsec gen --topology ring --chains 10 --seed 1 --out ring10.conf
              meshsec sweep hocon/scenarios/slash-propagation.conf --param links.3.relayer.latency.value=4s,30s --seeds 3
              meshsec node --port 4053
              meshsec run --cluster akka.tcp://meshsec@127.0.0.1:4053 hocon/scenarios/quickstart.conf
            """)
        {
            RunCommand.Create(),
            ValidateCommand.Create(),
            GenCommand.Create(),
            BenchCommand.Create(),
            NodeCommand.Create(),
            StatusCommand.Create(),
            ChaosCommand.Create(),
            SoakCommand.Create(),
            ShrinkCommand.Create(),
            SweepCommand.Create(),
        };
        try
        {
            // exceptions reach the handler below instead of System.CommandLine's, which prints the whole trace
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                // a typo is bad input (2), never "expectations failed" (1), which is what System.CommandLine would return
                foreach (var error in parse.Errors) Console.Error.WriteLine($"meshsec: {error.Message}");
                Console.Error.WriteLine("see 'meshsec --help' or 'meshsec <command> --help'");
                return ExitCodes.BadInput;
            }
            // Ctrl-C and SIGTERM cancel the command's token; the command decides what to write before it ends (exit 130)
            using var signals = new StopSignals();
            var config = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await parse.InvokeAsync(config, signals.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("meshsec: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception ex)
        {
            string log;
            try
            {
                log = CrashLog.Record(ex);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log = "(no log could be written)";
            }
            Console.Error.WriteLine(CrashLog.Line(ex, log));
            return ExitCodes.InternalError;
        }
    }
}
